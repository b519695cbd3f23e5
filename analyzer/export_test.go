package analyzer

// SetReadFile replaces how the runner reads source files, for tests in
// package analyzer_test; call the returned function to restore it.
func SetReadFile(read func(name string) ([]byte, error)) (restore func()) {
	old := readFile
	readFile = read
	return func() { readFile = old }
}
