#!/usr/bin/env python3
"""Deterministic synthetic employers for the inspectorate's rules (rules/rostrud):
    python3 examples/rostrud/generate.py [--count 3000] [--seed 7]
writes examples/rostrud/employers.csv. Column names are the fields of schema Employer
(rules/rostrud/employer.rules); an empty cell is a missing value. The mix is made up but shaped
like the field: most employers are unremarkable, a few percent trip an indicator, some data is
missing."""
import argparse, csv, os, random

REGIONS = ["77", "78", "50", "16", "66", "54", "23", "02", "63", "74", "24", "59", "25", "39", "41", "14", "27", "38"]
OKVED = ["47.11", "41.20", "49.41", "56.10", "86.10", "85.14", "10.71", "62.01", "25.11", "43.21", "68.20", "52.29"]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "employers.csv"))
    a = ap.parse_args()
    rng = random.Random(a.seed)
    cols = ["inn", "name", "region", "okved", "individual", "headcount", "bankruptcy_application_accepted",
            "sout_cross_region_same_day", "light_accidents_year", "light_accidents_prev_year",
            "light_accidents_quarter", "light_accidents_quarter_prev_year", "fot_quarter", "fot_prev_quarter",
            "headcount_changed", "contributions_quarter", "contributions_prev_quarter", "workers_below_mrot",
            "selfemployed_count", "selfemployed_avg_income", "selfemployed_avg_months", "selfemployed_avg_share",
            "selfemployed_qualifying", "medical_org", "doctors", "doctors_wage_decreased", "nurses",
            "nurses_wage_decreased", "junior_medical", "junior_medical_wage_decreased", "risk_potential"]
    with open(a.out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for i in range(a.count):
            okved = rng.choice(OKVED)
            head = max(1, int(rng.lognormvariate(3.3, 1.2)))
            wage = rng.lognormvariate(11.0, 0.4)              # monthly average wage, roubles
            if rng.random() < 0.03: wage = rng.uniform(12000, 19000)  # a few pay below MROT
            fot = round(wage * head * 3, 2)
            drop = rng.random()
            fot_prev = round(fot * (6 if drop < 0.01 else rng.uniform(0.97, 1.05)), 2)
            contrib = round(fot * 0.3, 2)
            contrib_prev = round(contrib * (2.2 if drop < 0.02 else rng.uniform(0.97, 1.05)), 2)
            below = 0
            if wage < 22440 and head >= 60:
                below = int(head * rng.uniform(0.4, 0.9))
            se = int(rng.expovariate(1 / 3)) if rng.random() < 0.95 else rng.randint(30, 90)
            se_income = round(rng.uniform(15000, 70000), 2) if se else ""
            se_months = round(rng.uniform(1, 18), 1) if se else ""
            se_share = f"{rng.randint(40, 100)}%" if se else ""
            se_q = int(se * rng.uniform(0.3, 1.0)) if se else 0
            medical = okved == "86.10"
            def med(n):
                if not medical: return "", ""
                dec = int(n * (rng.uniform(0.25, 0.5) if rng.random() < 0.1 else rng.uniform(0, 0.1)))
                return n, dec
            d, dd = med(max(1, head // 5))
            n, nd = med(max(1, head // 3))
            j, jd = med(max(1, head // 6))
            acc_prev = rng.choice([0, 0, 0, 1, 2])
            acc = acc_prev + (rng.randint(3, 6) if rng.random() < 0.02 else rng.choice([0, 0, 1]))
            accq_prev = rng.choice([0, 0, 1])
            accq = accq_prev + (rng.randint(2, 5) if rng.random() < 0.02 else rng.choice([0, 0, 0, 1]))
            p = round(rng.betavariate(1.4, 4.0) * 1.4, 2)
            row = {
                "inn": f"{7700000000 + i * 37:010d}",
                "name": f"ООО «Пример {i + 1}»",
                "region": rng.choice(REGIONS), "okved": okved,
                "individual": "true" if rng.random() < 0.01 else "false",
                "headcount": head,
                "bankruptcy_application_accepted": "true" if rng.random() < 0.008 else "false",
                "sout_cross_region_same_day": 2 if rng.random() < 0.005 else 0,
                "light_accidents_year": acc, "light_accidents_prev_year": acc_prev,
                "light_accidents_quarter": accq, "light_accidents_quarter_prev_year": accq_prev,
                "fot_quarter": f"{fot:.2f}", "fot_prev_quarter": f"{fot_prev:.2f}",
                "headcount_changed": "false" if drop < 0.03 or rng.random() < 0.3 else "true",
                "contributions_quarter": f"{contrib:.2f}", "contributions_prev_quarter": f"{contrib_prev:.2f}",
                "workers_below_mrot": below,
                "selfemployed_count": se, "selfemployed_avg_income": se_income, "selfemployed_avg_months": se_months,
                "selfemployed_avg_share": se_share, "selfemployed_qualifying": se_q,
                "medical_org": "true" if medical else "false",
                "doctors": d, "doctors_wage_decreased": dd, "nurses": n, "nurses_wage_decreased": nd,
                "junior_medical": j, "junior_medical_wage_decreased": jd,
                "risk_potential": p,
            }
            # Missing data, as in real extracts: a few previous-period values and P.
            for field in ("fot_prev_quarter", "workers_below_mrot", "risk_potential", "light_accidents_prev_year"):
                if rng.random() < 0.02: row[field] = ""
            w.writerow([row[c] for c in cols])

main()
