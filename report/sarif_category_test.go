package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/fastaudit/fastaudit/report/sarifcheck"
)

// TestSARIFCategory: --sarif-category sets runs[0].automationDetails.id,
// with a trailing '/' as upload-sarif adds to its category; without it the
// log has no automationDetails (upload-sarif then fills its own in).
func TestSARIFCategory(t *testing.T) {
	opts := testOpts
	opts.SARIFCategory = "fastaudit/backend/"
	got := render(t, "sarif", fixtureResult(t), opts)
	checkGolden(t, "sarif_category.golden", got)
	sarifcheck.Check(t, got)

	// The golden differs from sarif.golden by the automationDetails only.
	plain := render(t, "sarif", fixtureResult(t), testOpts)
	var withCat, without map[string]any
	if err := json.Unmarshal(got, &withCat); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(plain, &without); err != nil {
		t.Fatal(err)
	}
	run := withCat["runs"].([]any)[0].(map[string]any)
	delete(run, "automationDetails")
	a, _ := json.Marshal(withCat)
	b, _ := json.Marshal(without)
	if !bytes.Equal(a, b) {
		t.Error("the category changed more than runs[0].automationDetails")
	}
	if bytes.Contains(plain, []byte("automationDetails")) {
		t.Error("automationDetails written without a category")
	}

	for _, tc := range []struct{ category, want string }{
		{"fastaudit/backend/", "fastaudit/backend/"},
		{"fastaudit/backend", "fastaudit/backend/"},
		{"fastaudit", "fastaudit/"},
		{"  ", ""},
	} {
		opts.SARIFCategory = tc.category
		var log struct {
			Runs []struct {
				AutomationDetails *struct {
					ID string `json:"id"`
				} `json:"automationDetails"`
			} `json:"runs"`
		}
		if err := json.Unmarshal(render(t, "sarif", fixtureResult(t), opts), &log); err != nil {
			t.Fatal(err)
		}
		ad := log.Runs[0].AutomationDetails
		switch {
		case tc.want == "" && ad != nil:
			t.Errorf("category %q: automationDetails %+v, want none", tc.category, *ad)
		case tc.want != "" && (ad == nil || ad.ID != tc.want):
			t.Errorf("category %q: automationDetails %+v, want id %q", tc.category, ad, tc.want)
		}
	}
}
