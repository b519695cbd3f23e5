package corpusgen

import (
	"fmt"
	"strings"
)

// rctx holds what a router module's handlers need while being written.
type rctx struct {
	g     *gen
	d     *domain
	e     *entity
	w     *pyWriter
	im    *imports
	depth int  // package depth below app/ (1: app/x/router.py, 2: app/x/routes/y.py)
	split bool // one module per entity: paths are relative to the entity router

	isAsync    bool // current handler is async def
	usesExtURL bool
}

func (r *rctx) rel(mod string) string {
	return strings.Repeat(".", r.depth) + mod
}

// sess is the session type for the domain.
func (r *rctx) sess() (typ, getter string) {
	if r.d.async {
		return "AsyncSession", "get_async_db"
	}
	return "Session", "get_db"
}

func (r *rctx) aw() string {
	if r.d.async {
		return "await "
	}
	return ""
}

func (r *rctx) dbParam() string {
	typ, getter := r.sess()
	if r.d.async {
		r.im.From("sqlalchemy.ext.asyncio", "AsyncSession")
	} else {
		r.im.From("sqlalchemy.orm", "Session")
	}
	switch r.d.depStyle {
	case 0:
		r.im.From("fastapi", "Depends")
		r.im.From(r.g.coreImport(r.d, r.depth, "database"), getter)
		return fmt.Sprintf("db: %s = Depends(%s)", typ, getter)
	case 1:
		r.im.From("fastapi", "Depends")
		r.im.From("typing", "Annotated")
		r.im.From(r.g.coreImport(r.d, r.depth, "database"), getter)
		return fmt.Sprintf("db: Annotated[%s, Depends(%s)]", typ, getter)
	}
	r.im.From(r.rel("deps"), "DbSession")
	return "db: DbSession"
}

func (r *rctx) userParam() string {
	switch r.d.depStyle {
	case 0:
		r.im.From("fastapi", "Depends")
		r.im.From(r.g.coreImport(r.d, r.depth, "security"), "TokenUser", "get_current_user")
		return "current_user: TokenUser = Depends(get_current_user)"
	case 1:
		r.im.From("fastapi", "Depends")
		r.im.From("typing", "Annotated")
		r.im.From(r.g.coreImport(r.d, r.depth, "security"), "TokenUser", "get_current_user")
		return "current_user: Annotated[TokenUser, Depends(get_current_user)]"
	}
	r.im.From(r.g.coreImport(r.d, r.depth, "security"), "CurrentUser")
	return "current_user: CurrentUser"
}

// queryParam renders an optional query parameter with a Query() constraint.
func (r *rctx) queryParam(name, typ, def, constraint string) string {
	r.im.From("fastapi", "Query")
	if r.d.depStyle == 0 {
		if constraint == "" {
			return fmt.Sprintf("%s: %s = Query(%s)", name, typ, def)
		}
		return fmt.Sprintf("%s: %s = Query(%s, %s)", name, typ, def, constraint)
	}
	r.im.From("typing", "Annotated")
	return fmt.Sprintf("%s: Annotated[%s, Query(%s)] = %s", name, typ, constraint, def)
}

func (r *rctx) path(suffix string) string {
	if r.split {
		if suffix == "" {
			return "/"
		}
		return suffix
	}
	return "/" + r.e.path + suffix
}

func (r *rctx) idName() string { return r.e.snake + "_id" }

// startHandler decides async/sync for one handler. Sync-session domains put
// an async def on top now and then (the FA101 mistake).
func (r *rctx) startHandler() {
	switch {
	case r.d.async, r.d.buggyAsync:
		r.isAsync = true
	default:
		r.isAsync = r.g.chance(0.06)
	}
}

func (r *rctx) def(name string, params []string, ret string) {
	kw := "def "
	if r.isAsync {
		kw = "async def "
	}
	if ret != "" {
		ret = " -> " + ret
	}
	one := kw + name + "(" + strings.Join(params, ", ") + ")" + ret + ":"
	if len(one)+4*r.w.ind <= 88 {
		r.w.P(one)
		return
	}
	r.w.P(kw + name + "(")
	r.w.In()
	for _, p := range params {
		r.w.P(p + ",")
	}
	r.w.Out()
	r.w.P(")" + ret + ":")
}

func (r *rctx) decorator(method, path string, args ...string) {
	parts := append([]string{fmt.Sprintf("%q", path)}, args...)
	one := fmt.Sprintf("@router.%s(%s)", method, strings.Join(parts, ", "))
	if len(one) <= 88 {
		r.w.P(one)
		return
	}
	r.w.P(fmt.Sprintf("@router.%s(", method))
	r.w.In()
	for _, p := range parts {
		r.w.P(p + ",")
	}
	r.w.Out()
	r.w.P(")")
}

func (r *rctx) doc(lines ...string) {
	g := r.g
	if g.chance(0.15) {
		return // undocumented handler
	}
	if len(lines) == 1 || g.chance(0.5) {
		r.w.P(`"""` + lines[0] + `"""`)
		return
	}
	r.w.P(`"""` + lines[0])
	r.w.P("")
	for _, l := range lines[1:] {
		r.w.P(l)
	}
	r.w.P(`"""`)
}

var handlerComments = []string{
	"# TODO: move this query into the service layer",
	"# NOTE: keep the ordering stable, the frontend relies on it",
	"# Validate before touching the database",
	"# Only the fields sent by the client are updated",
	"# FIXME: add caching once the access patterns settle",
	"# Fetch the object first so we can return a proper 404",
}

func (r *rctx) maybeComment() {
	if r.g.chance(0.2) {
		r.w.P(r.g.pick(handlerComments))
	}
}

func (r *rctx) notFound(obj string) {
	r.im.From("fastapi", "HTTPException", "status")
	r.w.P(fmt.Sprintf("if %s is None:", obj))
	r.w.In()
	if r.g.chance(0.5) {
		r.w.P(fmt.Sprintf("raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=%q)", titleCase(human(r.e.snake))+" not found"))
	} else {
		r.w.P(fmt.Sprintf("raise HTTPException(status_code=404, detail=%q)", titleCase(human(r.e.snake))+" not found"))
	}
	r.w.Out()
}

// fetch writes `obj = <get by id>`.
func (r *rctx) fetch(obj, id string) {
	e := r.e
	switch {
	case r.d.async:
		r.w.P(fmt.Sprintf("%s = await db.get(%s, %s)", obj, e.class, id))
	case r.d.legacyQuery:
		r.w.P(fmt.Sprintf("%s = db.query(%s).filter(%s.id == %s).first()", obj, e.class, e.class, id))
	default:
		r.w.P(fmt.Sprintf("%s = db.get(%s, %s)", obj, e.class, id))
	}
}

func (r *rctx) commitRefresh(obj string) {
	r.w.P(r.aw() + "db.commit()")
	if obj != "" {
		r.w.P(r.aw() + fmt.Sprintf("db.refresh(%s)", obj))
	}
}

func (r *rctx) dumpCall(obj string, exclude bool) string {
	if r.d.v1Schemas {
		if exclude {
			return obj + ".dict(exclude_unset=True)"
		}
		return obj + ".dict()"
	}
	if exclude {
		return obj + ".model_dump(exclude_unset=True)"
	}
	return obj + ".model_dump()"
}

// ---------------------------------------------------------------------------

func (r *rctx) handlerList() {
	g, e, w := r.g, r.e, r.w
	r.startHandler()
	w.P("")
	w.P("")
	paged := g.chance(0.75)
	if paged {
		r.im.From(r.rel("schemas"), e.class+"List")
		r.decorator("get", r.path(""), "response_model="+e.class+"List", fmt.Sprintf("summary=%q", "List "+human(e.plural)))
	} else {
		r.im.From("typing", "List")
		r.im.From(r.rel("schemas"), e.class+"Read")
		r.decorator("get", r.path(""), fmt.Sprintf("response_model=List[%sRead]", e.class))
	}
	params := []string{r.dbParam()}
	unbounded := !paged && g.chance(0.3)
	if paged {
		params = append(params, r.queryParam("page", "int", "1", "ge=1"), r.queryParam("size", "int", "20", "ge=1, le=100"))
	} else if !unbounded {
		params = append(params, "skip: int = 0", "limit: int = 100")
	}
	r.im.From("typing", "Optional")
	params = append(params, r.queryParam("q", "Optional[str]", "None", "max_length=100"))
	if e.status {
		r.im.From(r.rel("models"), e.statusClass())
		params = append(params, r.queryParam("status_filter", "Optional["+e.statusClass()+"]", "None", `alias="status"`))
	}
	r.def("list_"+e.plural, params, "")
	w.In()
	r.doc("List "+human(e.plural)+".", "Supports a free-text filter on the "+human(e.label)+".", "Results are ordered newest first.")
	r.maybeComment()
	r.im.From(r.rel("models"), e.class)
	label := e.class + "." + e.label
	if r.d.legacyQuery {
		w.P(fmt.Sprintf("query = db.query(%s)", e.class))
		w.P("if q:")
		w.In()
		w.P(fmt.Sprintf("query = query.filter(%s.ilike(f\"%%{q}%%\"))", label))
		w.Out()
		if e.status {
			w.P("if status_filter is not None:")
			w.In()
			w.P(fmt.Sprintf("query = query.filter(%s.status == status_filter)", e.class))
			w.Out()
		}
		switch {
		case paged:
			w.P("total = query.count()")
			w.P(fmt.Sprintf("items = query.order_by(%s.created_at.desc()).offset((page - 1) * size).limit(size).all()", e.class))
			w.P(fmt.Sprintf("return %sList(items=items, total=total, page=page, size=size)", e.class))
		case unbounded:
			w.P(fmt.Sprintf("return query.order_by(%s.id).all()", e.class))
		default:
			w.P("return query.offset(skip).limit(limit).all()")
		}
		w.Out()
		return
	}
	r.im.From("sqlalchemy", "select")
	w.P(fmt.Sprintf("stmt = select(%s)", e.class))
	w.P("if q:")
	w.In()
	w.P(fmt.Sprintf("stmt = stmt.where(%s.ilike(f\"%%{q}%%\"))", label))
	w.Out()
	if e.status {
		w.P("if status_filter is not None:")
		w.In()
		w.P(fmt.Sprintf("stmt = stmt.where(%s.status == status_filter)", e.class))
		w.Out()
	}
	order := fmt.Sprintf(".order_by(%s.created_at.desc())", e.class)
	switch {
	case paged:
		r.im.From("sqlalchemy", "func")
		w.P("total = " + r.aw() + "db.scalar(select(func.count()).select_from(stmt.subquery()))")
		w.P("result = " + r.aw() + "db.execute(stmt" + order + ".offset((page - 1) * size).limit(size))")
		w.P(fmt.Sprintf("return %sList(items=result.scalars().all(), total=total or 0, page=page, size=size)", e.class))
	case unbounded:
		w.P("result = " + r.aw() + "db.execute(stmt" + order + ")")
		w.P("return result.scalars().all()")
	default:
		w.P("result = " + r.aw() + "db.execute(stmt" + order + ".offset(skip).limit(limit))")
		w.P("return result.scalars().all()")
	}
	w.Out()
}
