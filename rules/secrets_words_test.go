package rules

import (
	"math/rand"
	"reflect"
	"testing"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
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

func TestIsPairedAccessKey(t *testing.T) {
	module := func(src string) *analyzer.Module {
		return &analyzer.Module{Tree: &pyast.Tree{Src: []byte(src)}}
	}
	cases := []struct {
		name, src string
		want      bool
	}{
		{"MINIO_ACCESS_KEY", `MINIO_SECRET_KEY = os.getenv("MINIO_SECRET_KEY")`, true},
		{"access_key", `client = Minio(endpoint, access_key=a, secret_key=s)`, true},
		{"accessKey", `secretKey = cfg["secretKey"]`, true},
		{"AWS_ACCESS_KEY", `AWS_SECRET_ACCESS_KEY = os.environ["AWS_SECRET_ACCESS_KEY"]`, true},
		// the secret key of another service does not pair
		{"WEATHER_ACCESS_KEY", `MINIO_SECRET_KEY = "x"`, false},
		{"MINIO_ACCESS_KEY", `MINIO_SECRET = "x"`, false},
		// not an access key at all
		{"API_KEY", `SECRET_KEY = "x"`, false},
		{"secret_access_key", `secret_key = "x"`, false},
	}
	for _, c := range cases {
		if got := isPairedAccessKey(module(c.src), c.name); got != c.want {
			t.Errorf("isPairedAccessKey(%q) in %q = %v, want %v", c.name, c.src, got, c.want)
		}
	}
}
