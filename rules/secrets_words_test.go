package rules

import (
	"math/rand"
	"reflect"
	"testing"
)

func TestSecretNameWordsASCIIMatchesUnicode(t *testing.T) {
	cases := []string{"JWT_SECRET", "apiKey", "X-API-Key", "APIKey", "correct_password_bytes", "__init__", "", "a", "A", "aB", "AB", "ABc", "v2Token", "HTTPServer2Key", "--", "x.y z"}
	r := rand.New(rand.NewSource(1))
	const alphabet = "aZbY09_-. Kk"
	for n := 0; n < 5000; n++ {
		b := make([]byte, r.Intn(12))
		for i := range b {
			b[i] = alphabet[r.Intn(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	for _, name := range cases {
		got, want := secretNameWords(name), secretNameWordsUnicode(name)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("secretNameWords(%q) = %q, want %q", name, got, want)
		}
	}
	if got := secretNameWords("clé_API"); !reflect.DeepEqual(got, []string{"clé", "api"}) {
		t.Fatalf("non-ASCII name split into %q", got)
	}
}
