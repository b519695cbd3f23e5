// Package corpusgen writes a deterministic tree of realistic FastAPI code, used
// to benchmark fastaudit on a large project.
//
// The corpus is one application package ("app") with a core package (settings,
// database, security) and many domain packages, each with SQLAlchemy models
// (2.0 Mapped/mapped_column or classic Column style), Pydantic schemas, routers
// with CRUD handlers (async with AsyncSession or sync with Session, Depends or
// Annotated dependencies), services, dependencies, utilities, and tests. A small
// share of the code contains the mistakes fastaudit looks for (sync sessions in
// async handlers, blocking calls, N+1 queries, hard-coded secrets, ...), at
// rates close to what AI-written code shows.
//
// Output depends only on the seed and the target size: the same arguments give
// byte-identical trees.
package corpusgen

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
)

// Generate writes a corpus of at least targetLines lines of Python under dir
// (created if needed; existing files with the same names are overwritten) and
// returns the number of .py files and lines written.
func Generate(dir string, targetLines int, seed int64) (files int, lines int, err error) {
	g := &gen{
		r:          rand.New(rand.NewSource(seed)),
		root:       dir,
		usedDomain: map[string]bool{},
		usedClass:  map[string]bool{},
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, 0, err
	}
	g.genCore()
	for g.lines < targetLines || len(g.domains) == 0 {
		d := g.newDomain()
		g.genDomain(d)
		if g.err != nil {
			break
		}
	}
	g.genMain()
	g.genTestsRoot()
	return g.files, g.lines, g.err
}

type gen struct {
	r          *rand.Rand
	root       string
	files      int
	lines      int
	err        error
	domains    []*domain
	usedDomain map[string]bool // membership only; never iterated
	usedClass  map[string]bool // membership only; never iterated
}

func (g *gen) write(rel string, content string) {
	if g.err != nil {
		return
	}
	p := filepath.Join(g.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		g.err = err
		return
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		g.err = err
		return
	}
	g.files++
	g.lines += strings.Count(content, "\n")
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// between returns a random int in [lo, hi].
func (g *gen) between(lo, hi int) int { return lo + g.r.Intn(hi-lo+1) }

func (g *gen) pick(xs []string) string { return xs[g.r.Intn(len(xs))] }

// pickN returns n distinct elements of xs in random order.
func (g *gen) pickN(xs []string, n int) []string {
	if n > len(xs) {
		n = len(xs)
	}
	perm := g.r.Perm(len(xs))
	out := make([]string, n)
	for i := 0; i < n; i++ {
		out[i] = xs[perm[i]]
	}
	return out
}

// ---------------------------------------------------------------------------
// Names

func camel(snake string) string {
	var b strings.Builder
	for _, part := range strings.Split(snake, "_") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

func plural(s string) string {
	switch {
	case strings.HasSuffix(s, "y") && !strings.HasSuffix(s, "ay") && !strings.HasSuffix(s, "ey") && !strings.HasSuffix(s, "oy"):
		return s[:len(s)-1] + "ies"
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"), strings.HasSuffix(s, "ch"), strings.HasSuffix(s, "sh"):
		return s + "es"
	}
	return s + "s"
}

func human(snake string) string { return strings.ReplaceAll(snake, "_", " ") }

func kebab(snake string) string { return strings.ReplaceAll(snake, "_", "-") }

var domainWords = []string{
	"billing", "inventory", "shipping", "catalog", "accounts", "crm", "scheduling", "payroll",
	"analytics", "support", "marketing", "procurement", "fleet", "maintenance", "learning", "events",
	"booking", "loyalty", "compliance", "documents", "messaging", "reviews", "pricing", "warehouse",
	"logistics", "projects", "recruiting", "assets", "contracts", "claims", "policies", "subscriptions",
	"invoicing", "payments", "notifications", "media", "content", "forum", "surveys", "helpdesk",
	"devices", "telemetry", "energy", "farming", "clinic", "pharmacy", "library", "courses", "hotel",
	"restaurant", "recipes", "fitness", "travel", "parking", "rentals", "auctions", "donations", "grants",
	"permits", "inspections", "audits", "vendors", "partners", "referrals", "campaigns", "coupons",
	"wallets", "ledgers", "reporting", "exports", "integrations", "webhooks", "search", "teams",
	"workspaces", "portfolio", "trading", "quotes", "orders", "returns", "carts", "wishlists",
}

var domainPrefixes = []string{
	"legacy", "internal", "partner", "retail", "b2b", "regional", "mobile", "admin", "public", "core",
	"global", "enterprise", "field", "store", "team", "customer", "vendor", "ops",
}

var entityWords = []string{
	"product", "order", "invoice", "customer", "supplier", "shipment", "package", "route", "driver",
	"vehicle", "ticket", "comment", "attachment", "project", "task", "milestone", "employee",
	"department", "contract", "payment", "refund", "coupon", "campaign", "subscriber", "plan",
	"subscription", "device", "sensor", "reading", "alert", "booking", "room", "guest", "reservation",
	"course", "lesson", "enrollment", "student", "instructor", "review", "category", "tag", "note",
	"document", "folder", "report", "account", "transaction", "ledger_entry", "budget", "expense",
	"asset", "warehouse", "batch", "lot", "recipe", "ingredient", "menu_item", "address", "contact",
	"lead", "opportunity", "quote", "line_item", "price_list", "discount", "voucher", "member",
	"team", "workspace", "webhook_endpoint", "api_client", "audit_event", "job", "schedule", "shift",
	"timesheet", "leave_request", "policy", "claim", "inspection", "permit", "survey", "question",
	"answer", "campaign_run", "message", "thread", "channel", "playlist", "track", "album", "episode",
}

func (g *gen) domainName() string {
	for i := 0; ; i++ {
		name := g.pick(domainWords)
		if i > 20 || g.usedDomain[name] {
			name = g.pick(domainPrefixes) + "_" + name
		}
		if i > 60 {
			name = fmt.Sprintf("%s_%d", name, i)
		}
		if !g.usedDomain[name] {
			g.usedDomain[name] = true
			return name
		}
	}
}

func (g *gen) className(domainName, word string) string {
	name := camel(word)
	if g.usedClass[name] {
		name = camel(domainName) + camel(word)
	}
	for i := 2; g.usedClass[name]; i++ {
		name = fmt.Sprintf("%s%s%d", camel(domainName), camel(word), i)
	}
	g.usedClass[name] = true
	return name
}
