// LinkHealth
