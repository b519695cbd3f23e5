//go:build !unix

package main

import "time"

func cpuTime() (user, sys time.Duration) { return 0, 0 }

func peakRSS() (int64, string) { return 0, "" }

func systemBusy() time.Duration { return -1 }
