// PantauHTTPServer
