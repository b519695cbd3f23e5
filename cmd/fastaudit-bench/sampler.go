package main

import (
	"time"
)

// sample is the CPU time used in one sampling period.
type sample struct {
	wall time.Duration
	cpu  time.Duration
}

type sampler struct {
	step    time.Duration
	done    chan struct{}
	result  chan []sample
	started time.Time
}

// startSampler records, every step, how much CPU time the process used, so
// that phases that keep only one core busy show up in the report.
func startSampler(step time.Duration) *sampler {
	s := &sampler{step: step, done: make(chan struct{}), result: make(chan []sample, 1), started: time.Now()}
	go func() {
		var out []sample
		t := time.NewTicker(step)
		defer t.Stop()
		lastWall := time.Now()
		u, sy := cpuTime()
		lastCPU := u + sy
		take := func() {
			now := time.Now()
			u, sy := cpuTime()
			out = append(out, sample{wall: now.Sub(lastWall), cpu: u + sy - lastCPU})
			lastWall, lastCPU = now, u+sy
		}
		for {
			select {
			case <-t.C:
				take()
			case <-s.done:
				take()
				s.result <- out
				return
			}
		}
	}()
	return s
}

func (s *sampler) stop() []sample {
	close(s.done)
	return <-s.result
}

// summarise turns samples into ten buckets of average cores busy, and the
// share of wall time during which fewer than half the cores were busy.
func summarise(samples []sample, cpus int) ([]float64, float64) {
	var total time.Duration
	for _, s := range samples {
		total += s.wall
	}
	if total <= 0 {
		return nil, 0
	}
	const buckets = 10
	wall := make([]time.Duration, buckets)
	cpu := make([]time.Duration, buckets)
	var low, at time.Duration
	for _, s := range samples {
		b := int(int64(at) * buckets / int64(total))
		if b >= buckets {
			b = buckets - 1
		}
		wall[b] += s.wall
		cpu[b] += s.cpu
		at += s.wall
		if s.wall > 0 && float64(s.cpu)/float64(s.wall) < float64(cpus)/2 {
			low += s.wall
		}
	}
	out := make([]float64, buckets)
	for i := range out {
		if wall[i] > 0 {
			out[i] = float64(cpu[i]) / float64(wall[i])
		}
	}
	return out, float64(low) / float64(total)
}
