package rules

import (
	"fmt"

	"github.com/fastaudit/fastaudit/analyzer"
)

var FA101 = register(&analyzer.Rule{
	Code: "FA101", Name: "sync-db-in-async", Principle: analyzer.PrincipleAsync, Severity: analyzer.SeverityError,
	Precision: "high", Since: "0.1.0",
	Summary: "A synchronous SQLAlchemy Session does I/O inside an async def, blocking the event loop.",
	Doc: analyzer.Doc{
		What: "Reports I/O methods (`query`, `execute`, `scalar(s)`, `get`, `commit`, `flush`, `refresh`, `merge`, `rollback`, `connection`) " +
			"called on a synchronous SQLAlchemy or SQLModel `Session` inside an `async def`. The session's type comes from its annotation, " +
			"from the `sessionmaker`/`Session(...)` that built it, or from the dependency that yields it, which may live in another module. " +
			"Also reports the legacy `.query()` API on an `AsyncSession`, where it does not exist.",
		Why: "An `async def` handler runs on the event loop. A synchronous database call inside it blocks the loop for the whole round trip, " +
			"so every other request of the worker waits: latency grows with load and throughput collapses to one query at a time.",
		Example: "from sqlalchemy.orm import Session\n\n@router.get(\"/users\")\nasync def list_users(db: Session = Depends(get_db)):\n" +
			"    return db.query(User).all()\n",
		UseInstead: "from sqlalchemy.ext.asyncio import AsyncSession\n\n@router.get(\"/users\")\nasync def list_users(db: AsyncSession = Depends(get_async_db)):\n" +
			"    result = await db.execute(select(User))\n    return result.scalars().all()\n\n# or keep the sync session in a plain def: FastAPI runs it in a threadpool\n" +
			"@router.get(\"/users\")\ndef list_users(db: Session = Depends(get_db)):\n    return db.query(User).all()\n",
		Limits: "Sessions whose type cannot be inferred (untyped parameters without a known dependency, attributes of objects) are not reported. " +
			"`add`, `add_all`, `expunge` and `delete` do no I/O by themselves and are not reported.",
		References: []string{
			"https://fastapi.tiangolo.com/async/#in-a-hurry",
			"https://docs.sqlalchemy.org/en/20/orm/extensions/asyncio.html",
		},
	},
	CheckModule: checkSyncDBInAsync,
})

func checkSyncDBInAsync(pass *analyzer.Pass) {
	if !isAppCode(pass.Module) {
		return // tests, scripts, migrations and CLIs are not served under load
	}
	m := pass.Module
	for _, call := range m.Nodes("call") {
		if _, method := methodCall(call); !syncSessionIO[method] {
			continue
		}
		fn := asyncContext(m, call)
		if fn == nil || offloaded(m, call) {
			continue
		}
		op, _ := receiverOp(pass, fn, call) // blocking.go: shared with FA102 and FA105
		label := funcLabel(fn)
		pass.ReportKind(call, op.kind, func(k analyzer.Kind) string {
			if c, ok := op.decide(k); ok && c.rule == "FA101" {
				return fmt.Sprintf("synchronous Session.%s() on `%s` blocks the event loop inside %s; use an AsyncSession and `await` it, or make the function a plain def so FastAPI runs it in a threadpool",
					op.method, op.recv, label)
			}
			if k.IsAsyncSession() && op.method == "query" {
				return fmt.Sprintf("AsyncSession has no .query() API, so `%s.query(...)` fails at runtime in %s; use `await %s.execute(select(...))`",
					op.recv, label, op.recv)
			}
			return ""
		})
	}
}
