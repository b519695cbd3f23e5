ADMINS = [{"username": "root", "password": "toor"}]  # want: FA205
