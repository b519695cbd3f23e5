package analyzer

import "os"

// readFile reads a discovered source file. Tests replace it to simulate an
// unreadable file when they run as root, who reads files whatever their
// permissions.
var readFile = os.ReadFile
