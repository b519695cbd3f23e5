package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
)

// JUnit XML, for the test tabs of CI systems (GitLab, Jenkins, Azure
// Pipelines, GitHub test-report actions):
//
//	<?xml version="1.0" encoding="UTF-8"?>
//	<testsuites name="fastaudit" tests="2" failures="2" errors="0">
//	  <testsuite name="fastaudit" tests="2" failures="2" errors="0" skipped="0">
//	    <properties>
//	      <property name="findings" value="3"></property>
//	    </properties>
//	    <testcase classname="app/db.py" name="FA101 sync-db-in-async">
//	      <failure message="Synchronous Session..." type="error">app/db.py:5:11: Synchronous Session...</failure>
//	      <failure ...>...</failure>
//	    </testcase>
//	    ...
//
// There is one test case per rule × file with findings (classname is the
// path, name the rule code and name), sorted by path then code, holding one
// failure per finding in report order: message is the finding's message,
// type its severity, and the text "path:line:col: message". A rule without
// findings in a file has no test case, so tests and failures (failed test
// cases) are equal; the findings property holds the number of failures
// elements. encoding/xml escapes the text and replaces characters XML
// cannot hold.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	ClassName string         `xml:"classname,attr"`
	Name      string         `xml:"name,attr"`
	Failures  []junitFailure `xml:"failure"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

func writeJUnit(buf *bytes.Buffer, res *analyzer.Result, opts Options) error {
	type key struct{ path, code string }
	index := map[key]int{}
	var cases []junitCase
	for i := range res.Findings {
		f := &res.Findings[i]
		k := key{f.Path, f.Rule.Code}
		j, ok := index[k]
		if !ok {
			j = len(cases)
			index[k] = j
			cases = append(cases, junitCase{
				ClassName: f.Path,
				Name:      strings.TrimSpace(f.Rule.Code + " " + f.Rule.Name),
			})
		}
		msg := firstNonEmpty(f.Message, f.Rule.Summary, f.Rule.Name, f.Rule.Code)
		cases[j].Failures = append(cases[j].Failures, junitFailure{
			Message: msg,
			Type:    severityOf(f).String(),
			Text:    position(f) + ": " + msg,
		})
	}
	// Codes sort as strings; the case name starts with the code.
	sort.SliceStable(cases, func(a, b int) bool {
		if cases[a].ClassName != cases[b].ClassName {
			return cases[a].ClassName < cases[b].ClassName
		}
		return cases[a].Name < cases[b].Name
	})
	suite := junitSuite{
		Name:       "fastaudit",
		Tests:      len(cases),
		Failures:   len(cases),
		Properties: []junitProperty{{Name: "findings", Value: strconv.Itoa(len(res.Findings))}},
		Cases:      cases,
	}
	if opts.Version != "" {
		suite.Properties = append(suite.Properties, junitProperty{Name: "version", Value: opts.Version})
	}
	out := junitSuites{Name: "fastaudit", Tests: suite.Tests, Failures: suite.Failures, Suites: []junitSuite{suite}}
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(buf)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("report: encoding JUnit XML: %w", err)
	}
	buf.WriteByte('\n')
	return nil
}

// position is "path:line:col", "path:line" or "path", as the text format
// prints it.
func position(f *analyzer.Finding) string {
	s := f.Path
	if f.Line >= 1 {
		s += ":" + strconv.Itoa(f.Line)
		if f.Column >= 1 {
			s += ":" + strconv.Itoa(f.Column)
		}
	}
	return s
}
