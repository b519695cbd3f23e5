# The package hands out its router under the submodule's name: importers
# of `app.features.users.router` get the APIRouter, not the module.
from .router import router

__all__ = ["router"]
