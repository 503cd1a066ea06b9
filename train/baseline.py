#!/usr/bin/env python3
"""Runs winnow without its line model (rules and detectors only) on every page of
the training data, for a side-by-side with the cross-validated model:

    python3 train/baseline.py --data train/data --out train/data/pred/no-model
    python3 train/eval.py --data train/data --pred train/data/pred/no-model
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=os.path.join(train.ROOT, "train", "data"))
    ap.add_argument("--winnow", default=os.path.join(train.ROOT, ".build", "release", "winnow"))
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    index = train.load_index(args.data)
    train.predict_with_winnow(args.winnow, None, args.data, index, args.out)


if __name__ == "__main__":
    main()
