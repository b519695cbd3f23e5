package config

import (
	"strings"
	"unicode/utf8"
)

// MatchGlob reports whether the '/'-separated relative path rel matches
// pattern as a whole. It is the glob matcher shared by config keys and by
// discovery (exclude globs and .gitignore patterns):
//
//   - `*` matches any run of characters except '/';
//   - `?` matches one character except '/';
//   - `[abc]`, `[a-z]`, `[!a-z]` / `[^a-z]` match one character of (not of) a
//     class; an unterminated `[` is an ordinary character;
//   - `\x` matches x literally;
//   - `**` as a whole path segment matches any number of segments: a leading
//     `**/` and a middle `/**/` match zero or more directories, a trailing
//     `/**` matches everything inside (one or more segments), as in
//     .gitignore. Elsewhere (`a**b`) it is an ordinary `*`.
//
// A leading '/' in pattern is ignored (the match is anchored anyway).
// Matching runs in time proportional to len(pattern segments) × len(rel
// segments), so hostile patterns from an audited tree cannot blow it up.
func MatchGlob(pattern, rel string) bool {
	pattern = strings.TrimPrefix(pattern, "/")
	if pattern == "" {
		return rel == ""
	}
	return matchSegments(splitSegments(pattern), strings.Split(rel, "/"))
}

// splitSegments splits a pattern on '/' and collapses runs of `**` segments.
func splitSegments(pattern string) []string {
	raw := strings.Split(pattern, "/")
	out := raw[:0]
	for i, s := range raw {
		if s == "**" && i > 0 && len(out) > 0 && out[len(out)-1] == "**" {
			continue
		}
		out = append(out, s)
	}
	return out
}

// matchSegments matches pattern segments against path segments with dynamic
// programming over (pattern index, path index).
func matchSegments(pat, segs []string) bool {
	np, ns := len(pat), len(segs)
	// cur[j] reports whether pat[i:] matches segs[j:]; computed for i from np
	// down to 0.
	next := make([]bool, ns+1)
	cur := make([]bool, ns+1)
	next[ns] = true // empty pattern matches empty path
	for i := np - 1; i >= 0; i-- {
		p := pat[i]
		for j := ns; j >= 0; j-- {
			switch {
			case p == "**" && i == np-1:
				// trailing `**`: one or more segments.
				cur[j] = j < ns
			case p == "**":
				// zero segments (next[j]) or one more segment (cur[j+1]).
				cur[j] = next[j] || (j < ns && cur[j+1])
			default:
				cur[j] = j < ns && next[j+1] && matchSegment(p, segs[j])
			}
		}
		cur, next = next, cur
	}
	return next[0]
}

// matchSegment matches one pattern segment (no '/') against one path segment.
func matchSegment(p, s string) bool {
	px, sx := 0, 0
	starPx, starSx := -1, 0
	for px < len(p) || sx < len(s) {
		if px < len(p) {
			switch c := p[px]; c {
			case '*':
				// Try to match nothing first; remember where to resume.
				starPx = px
				if sx < len(s) {
					_, w := utf8.DecodeRuneInString(s[sx:])
					starSx = sx + w
				} else {
					starSx = len(s) + 1
				}
				px++
				continue
			case '?':
				if sx < len(s) {
					_, w := utf8.DecodeRuneInString(s[sx:])
					px++
					sx += w
					continue
				}
			case '[':
				if sx < len(s) {
					r, w := utf8.DecodeRuneInString(s[sx:])
					if matched, n, ok := matchClass(p[px:], r); ok {
						if matched {
							px += n
							sx += w
							continue
						}
					} else if r == '[' { // unterminated class: literal '['
						px++
						sx += w
						continue
					}
				}
			case '\\':
				lit := p[px:]
				if len(lit) > 1 {
					lit = lit[1:]
				}
				pr, pw := utf8.DecodeRuneInString(lit)
				if sx < len(s) {
					r, w := utf8.DecodeRuneInString(s[sx:])
					if r == pr {
						px += len(p[px:]) - len(lit) + pw
						sx += w
						continue
					}
				}
			default:
				pr, pw := utf8.DecodeRuneInString(p[px:])
				if sx < len(s) {
					r, w := utf8.DecodeRuneInString(s[sx:])
					if r == pr {
						px += pw
						sx += w
						continue
					}
				}
			}
		}
		if starPx >= 0 && starSx <= len(s) {
			px, sx = starPx, starSx
			continue
		}
		return false
	}
	return true
}

// matchClass matches r against the bracket expression at the start of p.
// It returns whether r matched, the length of the expression, and ok=false
// when the expression is not terminated (then '[' is an ordinary character).
func matchClass(p string, r rune) (matched bool, n int, ok bool) {
	i := 1
	negate := false
	if i < len(p) && (p[i] == '!' || p[i] == '^') {
		negate = true
		i++
	}
	first := true
	for i < len(p) {
		if p[i] == ']' && !first {
			return matched != negate, i + 1, true
		}
		first = false
		lo, w := classRune(p[i:])
		if w == 0 {
			return false, 0, false
		}
		i += w
		hi := lo
		if i+1 < len(p) && p[i] == '-' && p[i+1] != ']' {
			h, w2 := classRune(p[i+1:])
			if w2 == 0 {
				return false, 0, false
			}
			hi = h
			i += 1 + w2
		}
		if lo <= r && r <= hi {
			matched = true
		}
	}
	return false, 0, false
}

// classRune decodes one (possibly backslash-escaped) character of a class.
func classRune(p string) (rune, int) {
	if p == "" {
		return 0, 0
	}
	if p[0] == '\\' && len(p) > 1 {
		r, w := utf8.DecodeRuneInString(p[1:])
		return r, 1 + w
	}
	return utf8.DecodeRuneInString(p)
}

// matchPath is the path matcher of config keys that name files (test-paths,
// per-file-ignores). Unlike MatchGlob it is not anchored:
//
//   - the pattern matches when it matches rel, any '/'-suffix of rel (so
//     `tests/**` matches `app/tests/x.py` and `test_*.py` matches
//     `pkg/test_x.py`), or a parent directory of either (so `migrations`
//     matches every file under a `migrations` directory);
//   - a leading '/' anchors the pattern at the start of rel;
//   - a trailing '/' makes it match directories only.
func matchPath(pattern, rel string) bool {
	anchored := strings.HasPrefix(pattern, "/")
	pattern = strings.TrimLeft(pattern, "/")
	dirOnly := strings.HasSuffix(pattern, "/")
	pattern = strings.TrimRight(pattern, "/")
	if pattern == "" || rel == "" {
		return false
	}
	pat := splitSegments(pattern)
	segs := strings.Split(rel, "/")
	last := len(segs) - 1
	for start := 0; start <= last; start++ {
		if anchored && start > 0 {
			break
		}
		for end := start + 1; end <= len(segs); end++ {
			if dirOnly && end == len(segs) {
				continue
			}
			if matchSegments(pat, segs[start:end]) {
				return true
			}
		}
	}
	return false
}
