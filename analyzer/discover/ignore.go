package discover

import (
	"path"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer/config"
)

// pattern is one line of a .gitignore file or one `exclude:` glob.
type pattern struct {
	glob     string // without '!', leading '/' and trailing '/'
	negate   bool   // `!pattern`: re-include
	dirOnly  bool   // `pattern/`: directories only
	anchored bool   // contains a '/' before its end: relative to the base
}

// parsePattern parses one gitignore line; ok is false for blank lines and
// comments.
func parsePattern(line string) (p pattern, ok bool) {
	line = strings.TrimSuffix(line, "\r")
	if line == "" || line[0] == '#' {
		return p, false
	}
	line = trimTrailingSpaces(line)
	switch {
	case strings.HasPrefix(line, "!"):
		p.negate = true
		line = line[1:]
	case strings.HasPrefix(line, `\!`), strings.HasPrefix(line, `\#`):
		line = line[1:]
	}
	if strings.HasSuffix(line, "/") {
		p.dirOnly = true
		line = strings.TrimRight(line, "/")
	}
	p.anchored = strings.Contains(line, "/")
	line = strings.TrimLeft(line, "/")
	if line == "" {
		return p, false
	}
	p.glob = line
	return p, true
}

// trimTrailingSpaces removes trailing spaces unless escaped with '\'.
func trimTrailingSpaces(s string) string {
	for strings.HasSuffix(s, " ") {
		body := s[:len(s)-1]
		// An odd number of backslashes before the space escapes it.
		n := 0
		for n < len(body) && body[len(body)-1-n] == '\\' {
			n++
		}
		if n%2 == 1 {
			return s
		}
		s = body
	}
	return s
}

// match reports whether the pattern matches rel (relative to the
// pattern's base directory, '/'-separated).
func (p pattern) match(rel string, isDir bool) bool {
	if p.dirOnly && !isDir {
		return false
	}
	if p.anchored {
		return config.MatchGlob(p.glob, rel)
	}
	return config.MatchGlob(p.glob, path.Base(rel))
}

// ignoreFile is the patterns of one .gitignore (or of `exclude:`), with the
// directory they are relative to: base is '/'-separated, relative to the
// root, "" for the root itself.
type ignoreFile struct {
	base     string
	patterns []pattern
}

func parseIgnoreFile(base string, data []byte) *ignoreFile {
	f := &ignoreFile{base: base}
	for _, line := range strings.Split(string(data), "\n") {
		if p, ok := parsePattern(line); ok {
			f.patterns = append(f.patterns, p)
		}
	}
	if len(f.patterns) == 0 {
		return nil
	}
	return f
}

// ignored applies a stack of ignore files, shallowest first: the last
// matching pattern decides, so deeper files override shallower ones, as
// in git. rel is relative to the root.
func ignored(stack []*ignoreFile, rel string, isDir bool) bool {
	result := false
	for _, f := range stack {
		sub, ok := within(rel, f.base)
		if !ok {
			continue
		}
		for _, p := range f.patterns {
			if p.match(sub, isDir) {
				result = !p.negate
			}
		}
	}
	return result
}

// within returns rel relative to base when rel lies inside base.
func within(rel, base string) (string, bool) {
	if base == "" {
		return rel, true
	}
	if strings.HasPrefix(rel, base+"/") {
		return rel[len(base)+1:], true
	}
	return "", false
}
