//go:build unix

package main

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// cpuTime returns the process's user and system CPU time so far.
func cpuTime() (user, sys time.Duration) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
}

// peakRSS returns the process's peak resident set size in bytes: VmHWM from
// /proc/self/status where there is one, else getrusage's ru_maxrss.
func peakRSS() (int64, string) {
	if f, err := os.Open("/proc/self/status"); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "VmHWM:") {
				fields := strings.Fields(line)
				if len(fields) >= 2 {
					if kb, err := strconv.ParseInt(fields[1], 10, 64); err == nil {
						return kb * 1024, "VmHWM"
					}
				}
			}
		}
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, ""
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss), "maxrss" // bytes on Darwin
	}
	return int64(ru.Maxrss) * 1024, "maxrss" // kilobytes elsewhere
}

// systemBusy returns the CPU time all processes of the machine have used
// (from /proc/stat), or -1 where that is not available.
func systemBusy() time.Duration {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return -1
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 8 || f[0] != "cpu" {
		return -1
	}
	var busy int64
	for i, v := range f[1:] {
		if i == 3 || i == 4 { // idle, iowait
			continue
		}
		if i >= 7 { // steal is counted; guest time is already in user
			if i == 7 {
				n, _ := strconv.ParseInt(v, 10, 64)
				busy += n
			}
			continue
		}
		n, _ := strconv.ParseInt(v, 10, 64)
		busy += n
	}
	const userHZ = 100 // USER_HZ is 100 on every Linux platform Go supports
	return time.Duration(busy) * time.Second / userHZ
}
