def seed():
    print("seeding")
