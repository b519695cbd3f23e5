def main(rows):
    assert rows, "no rows"
