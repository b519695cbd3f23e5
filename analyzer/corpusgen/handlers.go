package corpusgen

import (
	"fmt"
	"strings"
)

func (r *rctx) handlerGet() {
	g, e, w := r.g, r.e, r.w
	r.startHandler()
	w.P("")
	w.P("")
	r.im.From(r.rel("schemas"), e.class+"Read")
	r.im.From(r.rel("models"), e.class)
	args := []string{"response_model=" + e.class + "Read"}
	if g.chance(0.4) {
		args = append(args, fmt.Sprintf("responses={404: {\"description\": %q}}", titleCase(human(e.snake))+" not found"))
	}
	r.decorator("get", r.path("/{"+r.idName()+"}"), args...)
	ret := ""
	if g.chance(0.4) {
		ret = e.class
	}
	// Variant: the lookup lives in a dependency of deps.py.
	if g.chance(0.25) {
		r.im.From("fastapi", "Depends")
		r.im.From(r.rel("deps"), "get_"+e.snake+"_or_404")
		r.def("get_"+e.snake, []string{fmt.Sprintf("%s: %s = Depends(get_%s_or_404)", e.snake, e.class, e.snake)}, ret)
		w.In()
		r.doc("Fetch one " + human(e.snake) + " by id.")
		w.P("return " + e.snake)
		w.Out()
		return
	}
	r.def("get_"+e.snake, []string{r.idName() + ": int", r.dbParam()}, ret)
	w.In()
	r.doc("Fetch one "+human(e.snake)+" by id.", "Raises 404 when the "+human(e.snake)+" does not exist.")
	r.fetch(e.snake, r.idName())
	switch {
	case g.chance(0.04):
		// FA401: an error body with status 200.
		w.P(fmt.Sprintf("if %s is None:", e.snake))
		w.In()
		w.P(fmt.Sprintf("return {\"error\": %q}", titleCase(human(e.snake))+" not found"))
		w.Out()
	case g.chance(0.1):
		r.im.From("fastapi.responses", "JSONResponse")
		w.P(fmt.Sprintf("if %s is None:", e.snake))
		w.In()
		w.P(fmt.Sprintf("return JSONResponse(status_code=404, content={\"detail\": %q})", titleCase(human(e.snake))+" not found"))
		w.Out()
	default:
		r.notFound(e.snake)
	}
	w.P("return " + e.snake)
	w.Out()
}

func (r *rctx) handlerCreate() {
	g, e, w, d := r.g, r.e, r.w, r.d
	r.startHandler()
	w.P("")
	w.P("")
	r.im.From(r.rel("schemas"), e.class+"Create", e.class+"Read")
	r.im.From(r.rel("models"), e.class)
	args := []string{"response_model=" + e.class + "Read"}
	switch x := g.r.Float64(); {
	case x < 0.12:
		// FA402: default 200 on a create.
	case x < 0.6:
		r.im.From("fastapi", "status")
		args = append(args, "status_code=status.HTTP_201_CREATED")
	default:
		args = append(args, "status_code=201")
	}
	if g.chance(0.3) {
		args = append(args, fmt.Sprintf("summary=%q", "Create a "+human(e.snake)))
	}
	r.decorator("post", r.path(""), args...)
	r.def("create_"+e.snake, []string{"payload: " + e.class + "Create", r.dbParam(), r.userParam()}, "")
	w.In()
	r.doc("Create a new "+human(e.snake)+".", "The creator is taken from the access token.")
	if e.parent != nil && g.chance(0.6) {
		p := e.parent
		r.im.From(r.rel("models"), p.class)
		switch {
		case d.async:
			w.P(fmt.Sprintf("parent = await db.get(%s, payload.%s_id)", p.class, p.snake))
		case d.legacyQuery:
			w.P(fmt.Sprintf("parent = db.query(%s).filter(%s.id == payload.%s_id).first()", p.class, p.class, p.snake))
		default:
			w.P(fmt.Sprintf("parent = db.get(%s, payload.%s_id)", p.class, p.snake))
		}
		w.P("if parent is None:")
		w.In()
		r.im.From("fastapi", "HTTPException")
		w.P(fmt.Sprintf("raise HTTPException(status_code=422, detail=%q)", "Unknown "+human(p.snake)))
		w.Out()
	}
	for _, f := range e.fields {
		if !f.unique {
			continue
		}
		r.im.From("fastapi", "HTTPException")
		if d.legacyQuery {
			w.P(fmt.Sprintf("if db.query(%s).filter(%s.%s == payload.%s).first():", e.class, e.class, f.name, f.name))
		} else {
			r.im.From("sqlalchemy", "select")
			w.P(fmt.Sprintf("existing = %sdb.scalar(select(%s).where(%s.%s == payload.%s))", r.aw(), e.class, e.class, f.name, f.name))
			w.P("if existing is not None:")
		}
		w.In()
		w.P(fmt.Sprintf("raise HTTPException(status_code=409, detail=%q)", "A "+human(e.snake)+" with this "+human(f.name)+" already exists"))
		w.Out()
	}
	if d.useService && g.chance(0.5) {
		r.im.From(r.rel(""), "service")
		w.P(fmt.Sprintf("%s = %sservice.create_%s(db, payload)", e.snake, r.aw(), e.snake))
	} else {
		w.P(fmt.Sprintf("%s = %s(**%s)", e.snake, e.class, r.dumpCall("payload", false)))
		w.P(fmt.Sprintf("db.add(%s)", e.snake))
		r.commitRefresh(e.snake)
	}
	if g.chance(0.5) {
		r.im.Import("logging")
		w.P(fmt.Sprintf("logger.info(\"%s %%s created by user %%s\", %s.id, current_user.id)", human(e.snake), e.snake))
	}
	w.P("return " + e.snake)
	w.Out()
}

func (r *rctx) handlerUpdate() {
	g, e, w := r.g, r.e, r.w
	r.startHandler()
	w.P("")
	w.P("")
	r.im.From(r.rel("schemas"), e.class+"Update", e.class+"Read")
	r.im.From(r.rel("models"), e.class)
	method := "patch"
	if g.chance(0.35) {
		method = "put"
	}
	r.decorator(method, r.path("/{"+r.idName()+"}"), "response_model="+e.class+"Read")
	r.def("update_"+e.snake, []string{r.idName() + ": int", "payload: " + e.class + "Update", r.dbParam(), r.userParam()}, "")
	w.In()
	r.doc("Update a "+human(e.snake)+".", "Only the fields present in the request body are changed.")
	r.fetch(e.snake, r.idName())
	r.notFound(e.snake)
	r.maybeComment()
	w.P(fmt.Sprintf("for field_name, value in %s.items():", r.dumpCall("payload", true)))
	w.In()
	w.P(fmt.Sprintf("setattr(%s, field_name, value)", e.snake))
	w.Out()
	r.commitRefresh(e.snake)
	w.P("return " + e.snake)
	w.Out()
}

func (r *rctx) handlerDelete() {
	g, e, w := r.g, r.e, r.w
	r.startHandler()
	w.P("")
	w.P("")
	r.im.From("fastapi", "status")
	r.im.From(r.rel("models"), e.class)
	args := []string{"status_code=status.HTTP_204_NO_CONTENT"}
	if g.chance(0.3) {
		r.im.From("fastapi", "Depends")
		r.im.From(r.g.coreImport(r.d, r.depth, "security"), "require_roles")
		args = append(args, "dependencies=[Depends(require_roles(\"admin\"))]")
	}
	r.decorator("delete", r.path("/{"+r.idName()+"}"), args...)
	ret := ""
	if g.chance(0.5) {
		ret = "None"
	}
	r.def("delete_"+e.snake, []string{r.idName() + ": int", r.dbParam()}, ret)
	w.In()
	r.doc("Delete a " + human(e.snake) + ".")
	r.fetch(e.snake, r.idName())
	r.notFound(e.snake)
	w.P(fmt.Sprintf("%sdb.delete(%s)", r.aw(), e.snake))
	r.commitRefresh("")
	w.Out()
}

// ---------------------------------------------------------------------------
// Extra endpoints

func (r *rctx) handlerStats() {
	g, e, w, d := r.g, r.e, r.w, r.d
	r.startHandler()
	w.P("")
	w.P("")
	r.im.From(r.rel("schemas"), e.class+"Stats")
	r.im.From(r.rel("models"), e.class)
	r.im.From("sqlalchemy", "func", "select")
	r.decorator("get", r.path("/stats"), "response_model="+e.class+"Stats", fmt.Sprintf("summary=%q", titleCase(human(e.snake))+" statistics"))
	r.def(e.snake+"_stats", []string{r.dbParam()}, "")
	w.In()
	r.doc("Aggregate counts for the " + human(e.plural) + " dashboard.")
	w.P(fmt.Sprintf("total = %sdb.scalar(select(func.count(%s.id)))", r.aw(), e.class))
	args := []string{"total=total or 0"}
	if e.status {
		w.P(fmt.Sprintf("rows = %sdb.execute(select(%s.status, func.count(%s.id)).group_by(%s.status))", r.aw(), e.class, e.class, e.class))
		w.P("by_status = {row[0].value: row[1] for row in rows.all()}")
		args = append(args, "by_status=by_status")
	}
	if len(e.children) > 0 {
		c := e.children[0]
		r.im.From(r.rel("models"), c.class)
		key := c.snake + "_count"
		fk := fmt.Sprintf("%s.%s_id", c.class, e.snake)
		if g.chance(0.3) {
			// FA301: one count query per parent row.
			w.P(fmt.Sprintf("ids = (%sdb.execute(select(%s.id).limit(100))).scalars().all()", r.aw(), e.class))
			w.P(key + " = {}")
			w.P(fmt.Sprintf("for %s in ids:", r.idName()))
			w.In()
			w.P(fmt.Sprintf("%s[%s] = %sdb.scalar(select(func.count(%s.id)).where(%s == %s))", key, r.idName(), r.aw(), c.class, fk, r.idName()))
			w.Out()
		} else {
			w.P(fmt.Sprintf("counts = %sdb.execute(select(%s, func.count(%s.id)).group_by(%s))", r.aw(), fk, c.class, fk))
			w.P(key + " = {row[0]: row[1] for row in counts.all()}")
		}
		args = append(args, key+"="+key)
	}
	_ = d
	w.P(fmt.Sprintf("return %sStats(%s)", e.class, strings.Join(args, ", ")))
	w.Out()
}

func (r *rctx) handlerChildren() {
	g, e, w, d := r.g, r.e, r.w, r.d
	c := e.children[g.r.Intn(len(e.children))]
	r.startHandler()
	w.P("")
	w.P("")
	r.im.From(r.rel("models"), e.class, c.class)
	if g.chance(0.3) {
		// FA301 in its most common form: a query per row of the outer query.
		r.decorator("get", r.path("/with-"+c.path))
		params := []string{r.dbParam()}
		params = append(params, r.queryParam("limit", "int", "20", "ge=1, le=100"))
		r.def("list_"+e.plural+"_with_"+c.plural, params, "")
		w.In()
		r.doc("Return " + human(e.plural) + " together with the ids of their " + human(c.plural) + ".")
		if d.legacyQuery {
			w.P(fmt.Sprintf("%s = db.query(%s).order_by(%s.id).limit(limit).all()", e.plural, e.class, e.class))
		} else {
			r.im.From("sqlalchemy", "select")
			w.P(fmt.Sprintf("%s = (%sdb.execute(select(%s).order_by(%s.id).limit(limit))).scalars().all()", e.plural, r.aw(), e.class, e.class))
		}
		w.P("payload = []")
		w.P(fmt.Sprintf("for %s in %s:", e.snake, e.plural))
		w.In()
		if d.legacyQuery {
			w.P(fmt.Sprintf("%s = db.query(%s).filter(%s.%s_id == %s.id).all()", c.plural, c.class, c.class, e.snake, e.snake))
		} else {
			w.P(fmt.Sprintf("%s = (%sdb.execute(select(%s).where(%s.%s_id == %s.id))).scalars().all()", c.plural, r.aw(), c.class, c.class, e.snake, e.snake))
		}
		w.P(fmt.Sprintf("payload.append({\"id\": %s.id, %q: %s.%s, %q: [child.id for child in %s]})", e.snake, e.label, e.snake, e.label, c.plural, c.plural))
		w.Out()
		w.P("return payload")
		w.Out()
		return
	}
	r.im.From("typing", "List")
	r.im.From(r.rel("schemas"), c.class+"Read")
	r.decorator("get", r.path("/{"+r.idName()+"}/"+c.path), fmt.Sprintf("response_model=List[%sRead]", c.class))
	r.def("list_"+e.snake+"_"+c.plural, []string{r.idName() + ": int", r.dbParam()}, "")
	w.In()
	r.doc("List the " + human(c.plural) + " of one " + human(e.snake) + ".")
	r.fetch(e.snake, r.idName())
	r.notFound(e.snake)
	if d.legacyQuery {
		w.P(fmt.Sprintf("return db.query(%s).filter(%s.%s_id == %s).order_by(%s.id).all()", c.class, c.class, e.snake, r.idName(), c.class))
	} else {
		r.im.From("sqlalchemy", "select")
		w.P(fmt.Sprintf("result = %sdb.execute(", r.aw()))
		w.In()
		w.P(fmt.Sprintf("select(%s).where(%s.%s_id == %s).order_by(%s.id)", c.class, c.class, e.snake, r.idName(), c.class))
		w.Out()
		w.P(")")
		w.P("return result.scalars().all()")
	}
	w.Out()
}

func (r *rctx) handlerBulk() {
	e, w := r.e, r.w
	r.startHandler()
	w.P("")
	w.P("")
	r.im.From("typing", "List")
	r.im.From("fastapi", "HTTPException", "status")
	r.im.From(r.rel("schemas"), e.class+"Create", e.class+"Read")
	r.im.From(r.rel("models"), e.class)
	r.decorator("post", r.path("/bulk"), fmt.Sprintf("response_model=List[%sRead]", e.class), "status_code=status.HTTP_201_CREATED")
	r.def("bulk_create_"+e.plural, []string{fmt.Sprintf("payload: List[%sCreate]", e.class), r.dbParam(), r.userParam()}, "")
	w.In()
	r.doc("Create up to 100 " + human(e.plural) + " in one request.")
	w.P("if len(payload) > 100:")
	w.In()
	w.P("raise HTTPException(status_code=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, detail=\"At most 100 items\")")
	w.Out()
	w.P(fmt.Sprintf("%s = [%s(**%s) for item in payload]", e.plural, e.class, r.dumpCall("item", false)))
	w.P(fmt.Sprintf("db.add_all(%s)", e.plural))
	w.P(r.aw() + "db.commit()")
	w.P(fmt.Sprintf("for %s in %s:", e.snake, e.plural))
	w.In()
	w.P(fmt.Sprintf("%sdb.refresh(%s)", r.aw(), e.snake))
	w.Out()
	w.P("return " + e.plural)
	w.Out()
}

func (r *rctx) handlerExport() {
	e, w, d := r.e, r.w, r.d
	r.startHandler()
	w.P("")
	w.P("")
	r.im.Import("csv")
	r.im.Import("io")
	r.im.From("fastapi.responses", "StreamingResponse")
	r.im.From(r.rel("models"), e.class)
	r.decorator("get", r.path("/export.csv"), "response_class=StreamingResponse")
	r.def("export_"+e.plural, []string{r.dbParam()}, "StreamingResponse")
	w.In()
	r.doc("Download every " + human(e.snake) + " as CSV.")
	cols := []string{"id"}
	for _, f := range e.fields {
		cols = append(cols, f.name)
	}
	if len(cols) > 6 {
		cols = cols[:6]
	}
	if d.legacyQuery {
		w.P(fmt.Sprintf("rows = db.query(%s).order_by(%s.id).all()", e.class, e.class))
	} else {
		r.im.From("sqlalchemy", "select")
		w.P(fmt.Sprintf("rows = (%sdb.execute(select(%s).order_by(%s.id))).scalars().all()", r.aw(), e.class, e.class))
	}
	w.P("buffer = io.StringIO()")
	w.P("writer = csv.writer(buffer)")
	quoted := make([]string, len(cols))
	attrs := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = fmt.Sprintf("%q", c)
		attrs[i] = "row." + c
	}
	w.P(fmt.Sprintf("writer.writerow([%s])", strings.Join(quoted, ", ")))
	w.P("for row in rows:")
	w.In()
	w.P(fmt.Sprintf("writer.writerow([%s])", strings.Join(attrs, ", ")))
	w.Out()
	w.P("buffer.seek(0)")
	w.P("return StreamingResponse(")
	w.In()
	w.P("iter([buffer.getvalue()]),")
	w.P("media_type=\"text/csv\",")
	w.P(fmt.Sprintf("headers={\"Content-Disposition\": \"attachment; filename=%s.csv\"},", e.plural))
	w.Out()
	w.P(")")
	w.Out()
}

func (r *rctx) handlerSearch() {
	e, w, d := r.e, r.w, r.d
	r.startHandler()
	w.P("")
	w.P("")
	r.im.From("typing", "List")
	r.im.From(r.rel("schemas"), e.class+"Search", e.class+"Read")
	r.im.From(r.rel("models"), e.class)
	r.decorator("post", r.path("/search"), fmt.Sprintf("response_model=List[%sRead]", e.class))
	r.def("search_"+e.plural, []string{"criteria: " + e.class + "Search", r.dbParam()}, "")
	w.In()
	r.doc("Full-text search over " + human(e.plural) + " (a read-only action, hence POST with 200).")
	if d.legacyQuery {
		w.P(fmt.Sprintf("query = db.query(%s).filter(%s.%s.ilike(f\"%%{criteria.query}%%\"))", e.class, e.class, e.label))
		if e.status {
			w.P("if criteria.status is not None:")
			w.In()
			w.P(fmt.Sprintf("query = query.filter(%s.status == criteria.status)", e.class))
			w.Out()
		}
		w.P("return query.limit(criteria.limit).all()")
	} else {
		r.im.From("sqlalchemy", "select")
		w.P(fmt.Sprintf("stmt = select(%s).where(%s.%s.ilike(f\"%%{criteria.query}%%\"))", e.class, e.class, e.label))
		if e.status {
			w.P("if criteria.status is not None:")
			w.In()
			w.P(fmt.Sprintf("stmt = stmt.where(%s.status == criteria.status)", e.class))
			w.Out()
		}
		w.P(fmt.Sprintf("result = %sdb.execute(stmt.limit(criteria.limit))", r.aw()))
		w.P("return result.scalars().all()")
	}
	w.Out()
}

func (r *rctx) handlerArchive() {
	e, w := r.e, r.w
	r.startHandler()
	w.P("")
	w.P("")
	r.im.From(r.rel("schemas"), e.class+"Read")
	r.im.From(r.rel("models"), e.class)
	r.decorator("post", r.path("/{"+r.idName()+"}/archive"), "response_model="+e.class+"Read")
	r.def("archive_"+e.snake, []string{r.idName() + ": int", r.dbParam(), r.userParam()}, "")
	w.In()
	r.doc("Archive a " + human(e.snake) + "; archived records are hidden from lists.")
	r.fetch(e.snake, r.idName())
	r.notFound(e.snake)
	if e.archived {
		w.P(fmt.Sprintf("%s.is_archived = True", e.snake))
	}
	if e.status {
		vals := statusValuesFor(e)
		w.P(fmt.Sprintf("%s.status = %s.%s", e.snake, e.statusClass(), strings.ToUpper(vals[len(vals)-1])))
		r.im.From(r.rel("models"), e.statusClass())
	}
	r.commitRefresh(e.snake)
	w.P("return " + e.snake)
	w.Out()
}

func (r *rctx) handlerSync() {
	g, e, w, d := r.g, r.e, r.w, r.d
	r.startHandler()
	w.P("")
	w.P("")
	r.usesExtURL = true
	r.im.From(r.rel("models"), e.class)
	r.im.From("fastapi", "HTTPException")
	r.decorator("post", r.path("/{"+r.idName()+"}/sync"), fmt.Sprintf("summary=%q", "Push a "+human(e.snake)+" to the partner system"))
	r.def("sync_"+e.snake, []string{r.idName() + ": int", r.dbParam()}, "")
	w.In()
	r.doc("Send the " + human(e.snake) + " to the partner API and record the result.")
	r.fetch(e.snake, r.idName())
	r.notFound(e.snake)
	body := fmt.Sprintf("{\"id\": %s.id, %q: %s.%s}", e.snake, e.label, e.snake, e.label)
	switch {
	case d.useService && g.chance(0.4):
		r.im.From(r.rel(""), "service")
		w.P(fmt.Sprintf("ok = service.push_to_partner(%q, %s)", e.plural, body))
	case r.isAsync && g.chance(0.55):
		r.im.Import("httpx")
		w.P("async with httpx.AsyncClient(timeout=10.0) as client:")
		w.In()
		w.P(fmt.Sprintf("response = await client.post(f\"{PARTNER_API_URL}/%s\", json=%s)", e.plural, body))
		w.Out()
		w.P("ok = response.status_code < 400")
	default:
		// Blocking HTTP: fine in a def handler, FA102 in an async def one.
		r.im.Import("requests")
		if g.chance(0.3) {
			r.im.Import("time")
			w.P("ok = False")
			w.P("for attempt in range(3):")
			w.In()
			w.P(fmt.Sprintf("response = requests.post(f\"{PARTNER_API_URL}/%s\", json=%s, timeout=10)", e.plural, body))
			w.P("if response.ok:")
			w.In()
			w.P("ok = True")
			w.P("break")
			w.Out()
			w.P("time.sleep(2**attempt)")
			w.Out()
		} else {
			w.P(fmt.Sprintf("response = requests.post(f\"{PARTNER_API_URL}/%s\", json=%s, timeout=10)", e.plural, body))
			w.P("ok = response.ok")
		}
	}
	w.P("if not ok:")
	w.In()
	w.P("raise HTTPException(status_code=502, detail=\"Partner API rejected the update\")")
	w.Out()
	w.P(fmt.Sprintf("return {\"synced\": True, \"id\": %s.id}", e.snake))
	w.Out()
}

// ---------------------------------------------------------------------------
// Router modules

// entityHandlers writes every handler of one entity, static paths first.
func (r *rctx) entityHandlers() {
	g, e := r.g, r.e
	r.handlerList()
	for _, x := range e.extras {
		switch x {
		case "stats":
			r.handlerStats()
		case "export":
			r.handlerExport()
		case "search":
			r.handlerSearch()
		case "bulk":
			r.handlerBulk()
		case "import":
			r.handlerImport()
		}
	}
	r.handlerCreate()
	r.handlerGet()
	if g.chance(0.9) {
		r.handlerUpdate()
	}
	if g.chance(0.85) {
		r.handlerDelete()
	}
	for _, x := range e.extras {
		switch x {
		case "children":
			r.handlerChildren()
		case "archive":
			r.handlerArchive()
		case "sync":
			r.handlerSync()
		case "clone":
			r.handlerClone()
		}
	}
}

func (g *gen) routerModule(d *domain, ents []*entity, depth int, split bool) string {
	body := &pyWriter{}
	im := newImports()
	im.From("fastapi", "APIRouter")
	r := &rctx{g: g, d: d, w: body, im: im, depth: depth, split: split}
	for _, e := range ents {
		r.e = e
		r.entityHandlers()
	}
	out := &pyWriter{}
	if split {
		out.P(fmt.Sprintf("\"\"\"Routes for %s.\"\"\"", human(ents[0].plural)))
	} else {
		out.P(fmt.Sprintf("\"\"\"HTTP API of the %s domain.\"\"\"", human(d.name)))
	}
	if body.String() != "" && strings.Contains(body.String(), "logger.") {
		im.Import("logging")
	}
	if r.usesExtURL {
		im.Import("os")
	}
	im.Write(out)
	if strings.Contains(body.String(), "logger.") {
		out.P("logger = logging.getLogger(__name__)")
	}
	if r.usesExtURL {
		out.P("PARTNER_API_URL = os.getenv(\"PARTNER_API_URL\", \"https://partner.example.com/api\")")
	}
	if split {
		out.P(fmt.Sprintf("router = APIRouter(prefix=%q, tags=[%q])", "/"+ents[0].path, titleCase(human(ents[0].plural))))
	} else {
		out.P(fmt.Sprintf("router = APIRouter(prefix=%q, tags=[%q])", d.prefix, d.title))
	}
	return out.String() + body.String()
}

func (g *gen) genRoutes(d *domain) {
	base := "app/" + d.name + "/"
	if !d.splitRoutes {
		g.write(base+"router.py", g.routerModule(d, d.entities, 1, false))
		return
	}
	w := &pyWriter{}
	im := newImports()
	im.From("fastapi", "APIRouter")
	for _, e := range d.entities {
		im.From(".", e.snake)
		g.write(base+"routes/"+e.snake+".py", g.routerModule(d, []*entity{e}, 2, true))
	}
	w.P(fmt.Sprintf("\"\"\"Routers of the %s domain, mounted under %s.\"\"\"", human(d.name), d.prefix))
	im.Write(w)
	w.P(fmt.Sprintf("router = APIRouter(prefix=%q, tags=[%q])", d.prefix, d.title))
	for _, e := range d.entities {
		w.P(fmt.Sprintf("router.include_router(%s.router)", e.snake))
	}
	w.P("")
	w.P("__all__ = [\"router\"]")
	g.write(base+"routes/__init__.py", w.String())
}

func (r *rctx) handlerClone() {
	g, e, w := r.g, r.e, r.w
	r.startHandler()
	w.P("")
	w.P("")
	r.im.From(r.rel("schemas"), e.class+"Read")
	r.im.From(r.rel("models"), e.class)
	args := []string{"response_model=" + e.class + "Read"}
	if g.chance(0.75) {
		r.im.From("fastapi", "status")
		args = append(args, "status_code=status.HTTP_201_CREATED")
	}
	r.decorator("post", r.path("/{"+r.idName()+"}/clone"), args...)
	r.def("clone_"+e.snake, []string{r.idName() + ": int", r.dbParam(), r.userParam()}, "")
	w.In()
	r.doc("Duplicate a "+human(e.snake)+".", "The copy gets a new id and a \"(copy)\" suffix.")
	r.fetch("source", r.idName())
	r.notFound("source")
	w.P(fmt.Sprintf("clone = %s(", e.class))
	w.In()
	for _, f := range e.fields {
		switch {
		case f.name == e.label:
			w.P(fmt.Sprintf("%s=f\"{source.%s} (copy)\",", f.name, f.name))
		case f.unique:
			continue
		default:
			w.P(fmt.Sprintf("%s=source.%s,", f.name, f.name))
		}
	}
	if e.parent != nil {
		w.P(fmt.Sprintf("%s_id=source.%s_id,", e.parent.snake, e.parent.snake))
	}
	w.Out()
	w.P(")")
	w.P("db.add(clone)")
	r.commitRefresh("clone")
	w.P("return clone")
	w.Out()
}

func (r *rctx) handlerImport() {
	e, w := r.e, r.w
	r.startHandler()
	w.P("")
	w.P("")
	r.im.Import("csv")
	r.im.Import("io")
	r.im.From("typing", "List")
	r.im.From("fastapi", "HTTPException", "UploadFile", "status")
	r.im.From(r.rel("schemas"), e.class+"Read")
	r.im.From(r.rel("models"), e.class)
	r.decorator("post", r.path("/import"), fmt.Sprintf("response_model=List[%sRead]", e.class), "status_code=status.HTTP_201_CREATED")
	r.def("import_"+e.plural, []string{"file: UploadFile", r.dbParam(), r.userParam()}, "")
	w.In()
	r.doc("Import "+human(e.plural)+" from a CSV upload.", fmt.Sprintf("The file needs a %q column; other columns are ignored.", e.label))
	w.P("if not file.filename or not file.filename.endswith(\".csv\"):")
	w.In()
	w.P("raise HTTPException(status_code=status.HTTP_400_BAD_REQUEST, detail=\"Upload a .csv file\")")
	w.Out()
	if r.isAsync {
		w.P("content = (await file.read()).decode(\"utf-8\")")
	} else {
		w.P("content = file.file.read().decode(\"utf-8\")")
	}
	w.P("reader = csv.DictReader(io.StringIO(content))")
	w.P("created = []")
	w.P("for line_number, row in enumerate(reader, start=2):")
	w.In()
	w.P(fmt.Sprintf("value = (row.get(%q) or \"\").strip()", e.label))
	w.P("if not value:")
	w.In()
	w.P(fmt.Sprintf("raise HTTPException(status_code=422, detail=f\"line {line_number}: %s is required\")", e.label))
	w.Out()
	w.P(fmt.Sprintf("item = %s(%s=value)", e.class, e.label))
	w.P("db.add(item)")
	w.P("created.append(item)")
	w.Out()
	w.P(r.aw() + "db.commit()")
	w.P("return created")
	w.Out()
}
