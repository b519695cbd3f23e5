# A script whose work sits in a function called at module level.
import csv
import sys


def export(rows):
    writer = csv.writer(sys.stdout)
    for row in rows:
        writer.writerow(row)
    print("exported", len(rows), "rows")


export([("bolts", 40), ("nuts", 12)])
