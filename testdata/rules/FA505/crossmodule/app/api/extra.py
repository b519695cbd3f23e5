from app.routers import projects


@projects.router.get("/{project_id}/archive")  # want: FA505
async def archive_project():
    return None


@projects.router.api_route("/{project_id}/export", methods=["GET", "POST"])
async def export_project(project: projects.ProjectDep):
    return project
