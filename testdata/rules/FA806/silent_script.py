# A module with a __main__ block and no app is a script.
def main():
    print("migrating data")


if __name__ == "__main__":
    main()
