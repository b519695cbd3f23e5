def charge(amount):
    print("charging", amount)  # want: FA806
