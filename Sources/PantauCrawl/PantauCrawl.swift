// PantauCrawl
