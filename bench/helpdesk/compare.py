"""Print Liaison's and django-helpdesk's public form figures side by side (``make
bench-compare``): submissions per second and POST latency, from the JSON each run wrote."""

import json
import statistics
import sys


def main() -> None:
    liaison_file, helpdesk_file = sys.argv[1:3]
    with open(liaison_file, encoding="utf-8") as f:
        liaison = json.load(f)
    with open(helpdesk_file, encoding="utf-8") as f:
        helpdesk = json.load(f)
    for name, data in (("Liaison", liaison), ("django-helpdesk", helpdesk)):
        print(
            f"{name:16} {data['per_second']:7.1f}/s  p50 {data['p50_ms']} ms  "
            f"p90 {data['p90_ms']} ms  p99 {data['p99_ms']} ms  "
            f"({data['workers']} workers, {data['concurrency']} users, {data['seconds']} s)"
        )
    if helpdesk["per_second"]:
        print(f"Liaison / django-helpdesk: {liaison['per_second'] / helpdesk['per_second']:.2f}")
    rounds = helpdesk.get("rounds")
    if rounds:  # measured in turns (`make bench-compare`): each round's ratio
        middle = statistics.median(rounds)
        shown = ", ".join(f"{r:.2f}" for r in rounds)
        print(f"each round: {shown} (median {middle:.2f}, lowest {min(rounds):.2f})")


if __name__ == "__main__":
    main()
