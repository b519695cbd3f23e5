package corpusgen

import (
	"fmt"
	"strings"
)

type utilTemplate struct {
	imports func(im *imports)
	text    string
}

var utilTemplates = []utilTemplate{
	{func(im *imports) { im.Import("re"); im.Import("unicodedata") }, `


_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slugify(value: str, max_length: int = 64) -> str:
    """Turn a {{h}} {{label}} into a URL-safe slug."""
    normalized = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_RE.sub("-", normalized.lower()).strip("-")
    return slug[:max_length] or "{{e}}"
`},
	{func(im *imports) { im.From("typing", "Iterator", "List", "Sequence", "TypeVar") }, `


T = TypeVar("T")


def chunked(items: Sequence[T], size: int) -> Iterator[List[T]]:
    """Yield successive chunks of at most size items."""
    if size <= 0:
        raise ValueError("size must be positive")
    for start in range(0, len(items), size):
        yield list(items[start : start + size])
`},
	{func(im *imports) { im.From("decimal", "ROUND_HALF_UP", "Decimal") }, `


def format_money(amount: Decimal, currency: str = "EUR") -> str:
    """Format an amount with two decimals and the currency code."""
    quantized = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{quantized:,.2f} {currency}"


def percentage(part: Decimal, whole: Decimal) -> Decimal:
    if not whole:
        return Decimal("0")
    return (Decimal(part) / Decimal(whole) * 100).quantize(Decimal("0.1"))
`},
	{func(im *imports) { im.Import("hashlib"); im.Import("json") }, `


def compute_etag(payload: dict) -> str:
    """Weak ETag for a {{h}} representation (not a security feature)."""
    canonical = json.dumps(payload, sort_keys=True, default=str).encode("utf-8")
    return 'W/"' + hashlib.sha256(canonical).hexdigest()[:32] + '"'
`},
	{func(im *imports) { im.From("datetime", "date", "timedelta"); im.From("typing", "Iterator") }, `


def daterange(start: date, end: date, step_days: int = 1) -> Iterator[date]:
    """Iterate over the days between start and end (inclusive)."""
    current = start
    while current <= end:
        yield current
        current += timedelta(days=step_days)


def business_days_between(start: date, end: date) -> int:
    return sum(1 for day in daterange(start, end) if day.weekday() < 5)
`},
	{func(im *imports) {
		im.Import("functools")
		im.Import("logging")
		im.Import("time")
		im.From("typing", "Any", "Callable", "TypeVar")
	}, `


F = TypeVar("F", bound=Callable[..., Any])
_log = logging.getLogger(__name__)


def retry(times: int = 3, delay: float = 0.5) -> Callable[[F], F]:
    """Retry a flaky synchronous function with a fixed delay."""

    def decorator(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            last_error = None
            for attempt in range(1, times + 1):
                try:
                    return func(*args, **kwargs)
                except Exception as exc:  # noqa: BLE001
                    last_error = exc
                    _log.warning("attempt %d/%d of %s failed: %s", attempt, times, func.__name__, exc)
                    time.sleep(delay)
            raise last_error

        return wrapper  # type: ignore[return-value]

    return decorator
`},
	{func(im *imports) { im.Import("csv"); im.Import("io"); im.From("typing", "Dict", "List") }, `


REQUIRED_COLUMNS = ("{{label}}",)


def parse_{{e}}_csv(content: str) -> List[Dict[str, str]]:
    """Parse an uploaded CSV of {{hs}}; raises ValueError on missing columns."""
    reader = csv.DictReader(io.StringIO(content))
    missing = [column for column in REQUIRED_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"missing columns: {', '.join(missing)}")
    rows = []
    for line_number, row in enumerate(reader, start=2):
        if not row.get("{{label}}"):
            raise ValueError(f"line {line_number}: {{label}} is empty")
        rows.append({key: (value or "").strip() for key, value in row.items()})
    return rows
`},
	{func(im *imports) { im.From("typing", "Any", "Dict", "Optional") }, `


def clean_filters(filters: Dict[str, Any], allowed: Optional[set] = None) -> Dict[str, Any]:
    """Drop empty values and unknown keys from a filter dict."""
    result = {}
    for key, value in filters.items():
        if allowed is not None and key not in allowed:
            continue
        if value is None or value == "":
            continue
        result[key] = value
    return result
`},
	{func(im *imports) { im.Import("secrets"); im.Import("string") }, `


_ALPHABET = string.ascii_uppercase + string.digits


def generate_reference(prefix: str = "{{P}}", length: int = 10) -> str:
    """Human-friendly random reference such as {{P}}-7K2M9Q4XZB."""
    return prefix + "-" + "".join(secrets.choice(_ALPHABET) for _ in range(length))
`},
}

func (g *gen) genUtils(d *domain) string {
	e := d.entities[0]
	w := &pyWriter{}
	body := &pyWriter{}
	im := newImports()
	prefix := strings.ToUpper(e.snake)
	if len(prefix) > 3 {
		prefix = prefix[:3]
	}
	body.rep = strings.NewReplacer("{{e}}", e.snake, "{{h}}", human(e.snake), "{{hs}}", human(e.plural), "{{label}}", e.label, "{{P}}", prefix)
	n := g.between(3, 7)
	perm := g.r.Perm(len(utilTemplates))
	// Keep catalogue order among the chosen helpers (reads more naturally).
	chosen := make([]bool, len(utilTemplates))
	for _, i := range perm[:n] {
		chosen[i] = true
	}
	for i, t := range utilTemplates {
		if !chosen[i] {
			continue
		}
		t.imports(im)
		body.T(t.text)
	}
	w.P(fmt.Sprintf("\"\"\"Small helpers used across the %s domain.\"\"\"", human(d.name)))
	im.Write(w)
	return w.String() + strings.TrimPrefix(body.String(), "\n")
}

func (g *gen) genTests(d *domain) string {
	w := &pyWriter{}
	im := newImports()
	im.Import("pytest")
	im.From("fastapi.testclient", "TestClient")
	body := &pyWriter{}
	for i, e := range d.entities {
		if i > 0 {
			body.P("")
			body.P("")
		}
		g.entityTests(body, d, e)
	}
	w.P(fmt.Sprintf("\"\"\"API tests for the %s endpoints.\"\"\"", human(d.name)))
	im.Write(w)
	return w.String() + body.String()
}

func (g *gen) entityTests(body *pyWriter, d *domain, e *entity) {
	url := "/api/v1" + d.prefix + "/" + e.path
	upper := strings.ToUpper(e.snake)
	body.rep = nil
	body.P(fmt.Sprintf("%s_URL = %q", upper, url))
	body.P("")
	body.P("")
	body.P("@pytest.fixture")
	body.P(fmt.Sprintf("def %s_payload() -> dict:", e.snake))
	body.In()
	body.P("return {")
	body.In()
	for _, f := range e.fields {
		body.P(fmt.Sprintf("%q: %s,", f.name, f.sample(g, e)))
	}
	if e.parent != nil {
		body.P(fmt.Sprintf("%q: 1,", e.parent.snake+"_id"))
	}
	body.Out()
	body.P("}")
	body.Out()
	rep := strings.NewReplacer("{{e}}", e.snake, "{{es}}", e.plural, "{{label}}", e.label, "BASE_URL", upper+"_URL")
	body.rep = rep
	body.T(`


def test_create_{{e}}(client: TestClient, {{e}}_payload: dict) -> None:
    response = client.post(BASE_URL, json={{e}}_payload)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["{{label}}"] == {{e}}_payload["{{label}}"]
    assert "id" in body


def test_list_{{es}}(client: TestClient) -> None:
    response = client.get(BASE_URL)
    assert response.status_code == 200


def test_get_missing_{{e}}_returns_404(client: TestClient) -> None:
    response = client.get(f"{BASE_URL}/999999")
    assert response.status_code == 404
`)
	if g.chance(0.6) {
		body.T(`


def test_update_{{e}}(client: TestClient, {{e}}_payload: dict) -> None:
    created = client.post(BASE_URL, json={{e}}_payload).json()
    response = client.patch(f"{BASE_URL}/{created['id']}", json={"{{label}}": "renamed"})
    assert response.status_code in (200, 405)
`)
	}
	if g.chance(0.5) {
		body.T(`


def test_delete_{{e}}(client: TestClient, {{e}}_payload: dict) -> None:
    created = client.post(BASE_URL, json={{e}}_payload).json()
    response = client.delete(f"{BASE_URL}/{created['id']}")
    assert response.status_code == 204
    assert client.get(f"{BASE_URL}/{created['id']}").status_code == 404
`)
	}
	if g.chance(0.4) {
		body.T(`


@pytest.mark.parametrize("missing", ["{{label}}"])
def test_create_{{e}}_requires_fields(client: TestClient, {{e}}_payload: dict, missing: str) -> None:
    {{e}}_payload.pop(missing)
    response = client.post(BASE_URL, json={{e}}_payload)
    assert response.status_code == 422
`)
	}
	if g.chance(0.1) {
		// A test that cannot fail (FA704).
		body.T(`


def test_{{es}}_smoke(client: TestClient) -> None:
    client.get(BASE_URL, params={"q": "x"})
`)
	}
}
