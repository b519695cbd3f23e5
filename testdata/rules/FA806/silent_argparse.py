import argparse


def main():
    parser = argparse.ArgumentParser()
    args = parser.parse_args()
    print(args)
