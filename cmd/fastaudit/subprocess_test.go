package main

import (
	"bytes"
	"os"
	"os/exec"
	"testing"
)

// runAsCLI makes the test binary act as the fastaudit command when set in
// its environment, so tests can run the CLI as a real process (its own
// GOMAXPROCS, signals, exit code) without building it.
const runAsCLI = "FASTAUDIT_TEST_RUN_CLI"

func TestMain(m *testing.M) {
	if os.Getenv(runAsCLI) == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// cliCommand returns the command that runs fastaudit with args in a child
// process, with env added to the environment.
func cliCommand(t *testing.T, env []string, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(append(os.Environ(), runAsCLI+"=1"), env...)
	return cmd
}

// runProcess runs fastaudit in a child process and returns its exit code,
// stdout and stderr.
func runProcess(t *testing.T, env []string, args ...string) (int, []byte, string) {
	t.Helper()
	cmd := cliCommand(t, env, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatalf("cannot run the CLI: %v", err)
	}
	return cmd.ProcessState.ExitCode(), out.Bytes(), errOut.String()
}
