package corpusgen

import (
	"fmt"
	"strings"
)

type kind int

const (
	kStr kind = iota
	kText
	kInt
	kFloat
	kDecimal
	kBool
	kDatetime
	kDate
	kEnum
	kEmail
)

type field struct {
	name     string
	kind     kind
	nullable bool
	maxLen   int
	unique   bool
	index    bool
}

type entity struct {
	class    string // "PurchaseOrder"
	snake    string // "purchase_order"
	plural   string // "purchase_orders"
	path     string // "purchase-orders"
	table    string
	fields   []field
	label    string // first string field, used for search and ordering
	parent   *entity
	children []*entity
	status   bool // has a status enum field
	archived bool // has an is_archived field
	extras   []string
}

// Styles of a domain. They decide how its code is written.
type domain struct {
	name     string // "billing"
	title    string // "Billing"
	entities []*entity

	async       bool // AsyncSession and async handlers
	buggyAsync  bool // sync Session used from async def handlers (FA101)
	mapped      bool // SQLAlchemy 2.0 Mapped[] models (else classic Column)
	depStyle    int  // 0: = Depends(...), 1: Annotated[...], 2: aliases from deps.py
	relImports  bool // from ..core.database import ... (else absolute)
	legacyQuery bool // db.query(...) (sync only)
	splitRoutes bool // routes/ package with one module per entity
	useService  bool // routers call service functions for some operations
	v1Schemas   bool // pydantic v1 style class Config (FA507)
	utcnow      bool // datetime.utcnow defaults (FA802)
	hasUtils    bool
	secretInSvc bool // hard-coded API key in the service (FA201)
	basicAuth   bool // webhook basic auth with plaintext compare (FA204/FA205)
	prefix      string
}

var strFieldNames = []string{
	"code", "sku", "slug", "label", "phone", "city", "country", "currency", "reference", "external_id",
	"url", "color", "category", "region", "locale", "vendor", "barcode", "display_name", "source",
	"channel", "owner_name", "timezone", "language", "unit",
}
var textFieldNames = []string{"description", "notes", "summary", "body", "comment", "instructions", "address", "remarks"}
var intFieldNames = []string{"quantity", "position", "priority", "rank", "capacity", "stock", "version", "retries", "duration_minutes", "year", "views", "seats", "max_attempts"}
var floatFieldNames = []string{"weight", "rating", "score", "latitude", "longitude", "ratio", "progress", "temperature"}
var decimalFieldNames = []string{"price", "amount", "balance", "cost", "total", "tax_rate", "discount", "deposit", "fee"}
var boolFieldNames = []string{"is_active", "is_archived", "is_public", "is_verified", "is_default", "enabled", "featured", "is_paid"}
var datetimeFieldNames = []string{"starts_at", "ends_at", "published_at", "expires_at", "last_seen_at", "due_at", "closed_at", "synced_at"}
var dateFieldNames = []string{"due_date", "start_date", "end_date", "valid_until", "effective_date", "birth_date"}

var labelNames = []string{"name", "title", "name", "title", "code", "subject", "display_name"}

var statusValues = [][]string{
	{"draft", "active", "archived"},
	{"pending", "approved", "rejected"},
	{"open", "in_progress", "resolved", "closed"},
	{"new", "processing", "shipped", "delivered", "cancelled"},
	{"scheduled", "running", "completed", "failed"},
}

func (g *gen) newDomain() *domain {
	d := &domain{name: g.domainName()}
	d.title = titleCase(human(d.name))
	d.prefix = "/" + kebab(d.name)
	d.async = g.chance(0.5)
	d.buggyAsync = !d.async && g.chance(0.15)
	d.mapped = g.chance(0.6)
	d.depStyle = g.r.Intn(3)
	d.relImports = g.chance(0.5)
	d.legacyQuery = !d.async && g.chance(0.6)
	d.useService = g.chance(0.5)
	d.v1Schemas = g.chance(0.08)
	d.utcnow = !d.mapped && g.chance(0.5)
	d.hasUtils = g.chance(0.7)
	d.secretInSvc = g.chance(0.06)
	d.basicAuth = g.chance(0.04)

	n := []int{1, 2, 2, 3, 3, 3, 4, 4, 5}[g.r.Intn(9)]
	words := g.pickN(entityWords, n)
	for i, w := range words {
		e := &entity{snake: w, class: g.className(d.name, w)}
		e.plural = plural(w)
		e.path = kebab(e.plural)
		e.table = d.name + "_" + e.plural
		// Each entity after the first belongs to an earlier one.
		if i > 0 && g.chance(0.8) {
			e.parent = d.entities[g.r.Intn(i)]
			e.parent.children = append(e.parent.children, e)
		}
		g.fillFields(e)
		d.entities = append(d.entities, e)
	}
	d.splitRoutes = len(d.entities) >= 3 && g.chance(0.7)
	for _, e := range d.entities {
		g.pickExtras(d, e)
	}
	g.domains = append(g.domains, d)
	return d
}

func (g *gen) fillFields(e *entity) {
	e.label = g.pick(labelNames)
	e.fields = append(e.fields, field{name: e.label, kind: kStr, maxLen: []int{80, 120, 200, 255}[g.r.Intn(4)], index: true, unique: e.label == "code" || e.label == "slug"})
	n := g.between(3, 15)
	used := map[string]bool{e.label: true}
	add := func(f field) {
		if used[f.name] {
			return
		}
		used[f.name] = true
		e.fields = append(e.fields, f)
	}
	if g.chance(0.45) {
		add(field{name: "status", kind: kEnum})
		e.status = true
	}
	if g.chance(0.2) {
		add(field{name: "email", kind: kEmail, maxLen: 255, index: true})
	}
	for len(e.fields) < n+1 {
		switch g.r.Intn(9) {
		case 0, 1:
			add(field{name: g.pick(strFieldNames), kind: kStr, maxLen: []int{16, 32, 64, 128, 255}[g.r.Intn(5)], nullable: g.chance(0.5), index: g.chance(0.2)})
		case 2:
			add(field{name: g.pick(textFieldNames), kind: kText, nullable: true})
		case 3:
			add(field{name: g.pick(intFieldNames), kind: kInt, nullable: g.chance(0.2)})
		case 4:
			add(field{name: g.pick(floatFieldNames), kind: kFloat, nullable: g.chance(0.5)})
		case 5:
			add(field{name: g.pick(decimalFieldNames), kind: kDecimal})
		case 6:
			add(field{name: g.pick(boolFieldNames), kind: kBool})
		case 7:
			add(field{name: g.pick(datetimeFieldNames), kind: kDatetime, nullable: true})
		case 8:
			add(field{name: g.pick(dateFieldNames), kind: kDate, nullable: true})
		}
	}
	e.archived = used["is_archived"]
}

func (g *gen) pickExtras(d *domain, e *entity) {
	add := func(name string, p float64) {
		if g.chance(p) {
			e.extras = append(e.extras, name)
		}
	}
	add("stats", 0.35)
	if len(e.children) > 0 {
		add("children", 0.7)
	}
	add("bulk", 0.2)
	add("export", 0.15)
	add("search", 0.15)
	if e.status || e.archived {
		add("archive", 0.45)
	}
	add("sync", 0.2)
	add("clone", 0.2)
	add("import", 0.15)
}

func (e *entity) hasField(name string) bool {
	for _, f := range e.fields {
		if f.name == name {
			return true
		}
	}
	return false
}

func (e *entity) statusClass() string { return e.class + "Status" }

// pyType is the Python annotation of a field in schemas.
func (f field) pyType(e *entity) string {
	switch f.kind {
	case kStr, kText:
		return "str"
	case kEmail:
		return "str"
	case kInt:
		return "int"
	case kFloat:
		return "float"
	case kDecimal:
		return "Decimal"
	case kBool:
		return "bool"
	case kDatetime:
		return "datetime"
	case kDate:
		return "date"
	case kEnum:
		return e.statusClass()
	}
	return "str"
}

// saType is the SQLAlchemy column type expression.
func (f field) saType(e *entity) (expr string, names []string) {
	switch f.kind {
	case kStr, kEmail:
		return fmt.Sprintf("String(%d)", f.maxLen), []string{"String"}
	case kText:
		return "Text", []string{"Text"}
	case kInt:
		return "Integer", []string{"Integer"}
	case kFloat:
		return "Float", []string{"Float"}
	case kDecimal:
		return "Numeric(12, 2)", []string{"Numeric"}
	case kBool:
		return "Boolean", []string{"Boolean"}
	case kDatetime:
		return "DateTime(timezone=True)", []string{"DateTime"}
	case kDate:
		return "Date", []string{"Date"}
	case kEnum:
		return fmt.Sprintf("Enum(%s)", e.statusClass()), []string{"Enum"}
	}
	return "String(255)", []string{"String"}
}

// sample returns a JSON-compatible Python literal for tests.
func (f field) sample(g *gen, e *entity) string {
	switch f.kind {
	case kStr:
		return fmt.Sprintf("%q", fmt.Sprintf("%s-%s-%d", e.snake, f.name, g.between(1, 999)))
	case kEmail:
		return fmt.Sprintf("%q", fmt.Sprintf("%s%d@example.com", e.snake, g.between(1, 999)))
	case kText:
		return fmt.Sprintf("%q", "Sample "+human(f.name)+" for a "+human(e.snake))
	case kInt:
		return fmt.Sprint(g.between(1, 500))
	case kFloat:
		return fmt.Sprintf("%d.%d", g.between(0, 99), g.between(0, 9))
	case kDecimal:
		return fmt.Sprintf("\"%d.%02d\"", g.between(1, 900), g.between(0, 99))
	case kBool:
		if g.chance(0.5) {
			return "True"
		}
		return "False"
	case kDatetime:
		return fmt.Sprintf("\"2024-%02d-%02dT%02d:00:00Z\"", g.between(1, 12), g.between(1, 28), g.between(0, 23))
	case kDate:
		return fmt.Sprintf("\"2024-%02d-%02d\"", g.between(1, 12), g.between(1, 28))
	case kEnum:
		return "\"" + statusValuesFor(e)[0] + "\""
	}
	return "None"
}

func statusValuesFor(e *entity) []string {
	h := 0
	for _, c := range e.class {
		h = h*31 + int(c)
	}
	if h < 0 {
		h = -h
	}
	return statusValues[h%len(statusValues)]
}

func (d *domain) pkg() string { return "app." + d.name }

// titleCase upper-cases the first letter of every word (ASCII names only).
func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}
