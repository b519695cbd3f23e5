from app.reports import reports_app

application = reports_app
