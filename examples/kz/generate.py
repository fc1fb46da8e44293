#!/usr/bin/env python3
"""Synthetic example data for rules/kz: enterprises (Цифровая карта предприятий) and families
(Цифровая карта семьи). Deterministic: the same seed gives byte-identical files.

    python3 examples/kz/generate.py            # writes enterprises.csv and families.csv next to this script
    python3 examples/kz/generate.py --seed 7 --enterprises 5000 --families 3000

The numbers are invented. They are shaped so that the rules give a realistic mix of results:
the family levels roughly follow the distribution in the minister's report (A 4 %, B 41 %,
C 30 %, D 21 %, E 5 %), about 16 % of enterprises have no ОСНС contract (the report: 84 %
coverage), about 7 % of workers overall are in harmful conditions. A few optional cells are
left empty on purpose, so that some results are "undetermined" and name the missing field.
Evaluate as of 2025-12-01:

    etalon eval rules/kz --schema Enterprise --facts examples/kz/enterprises.csv --as-of 2025-12-01
    etalon eval rules/kz --schema Family --facts examples/kz/families.csv --as-of 2025-12-01
"""

import argparse
import csv
import datetime as dt
import math
import os
import random

AS_OF = dt.date(2025, 12, 1)

# region: (weight for enterprises and families, regional subsistence minimum 2025, median income per person)
REGIONS = {
    "astana": (9, 66204, 160000),
    "almaty_city": (13, 65573, 170000),
    "shymkent": (6, 61489, 105000),
    "abai": (3, 63571, 115000),
    "akmola": (4, 62143, 118000),
    "aktobe": (5, 58800, 120000),
    "almaty_region": (7, 65669, 112000),
    "atyrau": (4, 61900, 175000),
    "east_kz": (5, 67077, 122000),
    "zhambyl": (5, 57900, 98000),
    "zhetisu": (3, 59115, 100000),
    "west_kz": (3, 55800, 125000),
    "karaganda": (7, 60342, 130000),
    "kostanay": (4, 59245, 118000),
    "kyzylorda": (3, 57600, 102000),
    "mangystau": (4, 73276, 165000),
    "pavlodar": (4, 60100, 132000),
    "north_kz": (3, 62793, 115000),
    "turkestan": (7, 56400, 92000),
    "ulytau": (1, 63795, 140000),
}

# ОКЭД section: (weight, codes, harmful share range, accident rate per 1000 workers a year, thermal probability)
SECTIONS = {
    "a_agriculture": (7, ["01.11", "01.41", "01.50", "03.11"], (0.00, 0.06), 0.8, 0.02),
    "b_mining": (5, ["05.10", "06.10", "07.10", "07.29", "08.12", "09.10"], (0.10, 0.50), 1.5, 0.10),
    "c_manufacturing": (14, ["10.11", "10.71", "20.14", "23.51", "24.10", "24.42", "25.11", "28.92", "29.10"], (0.03, 0.32), 1.0, 0.35),
    "d_energy": (4, ["35.11", "35.12", "35.30"], (0.05, 0.30), 0.8, 0.40),
    "e_water": (3, ["36.00", "37.00", "38.11"], (0.01, 0.12), 0.6, 0.05),
    "f_construction": (10, ["41.20", "42.11", "42.21", "43.21", "43.99"], (0.03, 0.22), 1.2, 0.08),
    "g_trade": (14, ["46.69", "46.90", "47.11", "47.30", "47.71"], (0.00, 0.02), 0.2, 0.01),
    "h_transport": (8, ["49.10", "49.41", "50.20", "52.10", "52.29"], (0.02, 0.18), 0.9, 0.05),
    "i_hospitality": (4, ["55.10", "56.10", "56.29"], (0.00, 0.04), 0.3, 0.20),
    "j_ict": (4, ["61.10", "62.01", "63.11"], (0.00, 0.01), 0.08, 0.00),
    "k_finance": (3, ["64.19", "65.12", "66.19"], (0.00, 0.01), 0.05, 0.00),
    "m_professional": (4, ["71.12", "72.19", "74.90"], (0.00, 0.03), 0.15, 0.02),
    "p_education": (6, ["85.10", "85.31", "85.42"], (0.00, 0.02), 0.1, 0.05),
    "q_health": (6, ["86.10", "86.21", "87.30"], (0.01, 0.10), 0.25, 0.03),
    "other": (8, ["68.20", "81.10", "84.11", "93.11"], (0.00, 0.03), 0.2, 0.02),
}

NAME_A = ["Казахмыс", "Алтын", "Дала", "Сары", "Ертіс", "Жайык", "Тау", "Кен", "Болат", "Нур", "Астык",
          "Жасыл", "Ақ", "Көк", "Сункар", "Береке", "Атамекен", "Байтерек", "Шыгыс", "Батыс"]
NAME_B = ["Строй", "Трейд", "Металл", "Энерго", "Транс", "Агро", "Сервис", "Пром", "Маш", "Фарм",
          "Логистик", "Инвест", "Техно", "Снаб", "Мунай", "Кен", "Су", "Дан", "Медиа", "Курылыс"]
FORMS = ["ТОО", "ТОО", "ТОО", "АО", "ТОО", "ИП"]


def weighted(rng, table):
    keys = list(table)
    return rng.choices(keys, weights=[table[k][0] for k in keys])[0]


def poisson(rng, lam):
    """Knuth's method (small lambda) or a rounded normal approximation (large lambda)."""
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def date_between(rng, start, end):
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def blank_some(rng, row, optional, rate):
    """Leaves one optional cell empty in about `rate` of the rows (missing data in the demo)."""
    if rng.random() < rate:
        row[rng.choice(optional)] = ""


# ─── Enterprises ───────────────────────────────────────────────────────────────────────────────

ENTERPRISE_COLUMNS = [
    "bin", "name", "region", "oked", "oked_section", "size", "headcount", "headcount_prev_year", "left_12m",
    "avg_wage", "workers_below_mzp", "wage_arrears", "wage_arrears_days", "tax_arrears",
    "contributions_gap_workers", "osns_contract", "accidents_12m", "fatal_accidents_12m",
    "occupational_diseases_12m", "harmful_workers", "dispensary_workers", "thermal_processes",
    "fire_incidents_12m", "inspection_violations_12m", "last_attestation", "ohs_service",
    "collective_agreement", "revenue", "revenue_prev",
]

ENTERPRISE_OPTIONAL = ["headcount_prev_year", "left_12m", "workers_below_mzp", "osns_contract", "revenue_prev",
                       "last_attestation", "dispensary_workers", "tax_arrears"]


def enterprise(rng, i):
    region = weighted(rng, REGIONS)
    section = weighted(rng, SECTIONS)
    _, codes, (h_lo, h_hi), accident_rate, thermal_p = SECTIONS[section]
    size = rng.choices(["large", "medium", "small"], weights=[30, 60, 10])[0]
    if size == "large":
        headcount = min(20000, int(250 * math.exp(rng.expovariate(1.1))))
    elif size == "medium":
        headcount = rng.randint(50, 249)
    else:
        headcount = rng.randint(5, 49)
    hazardous = section in ("b_mining", "c_manufacturing", "d_energy", "f_construction", "h_transport")
    # A "troubled" enterprise gathers several problems at once; most are clean.
    troubled = rng.random() < 0.12
    avg_wage = round(rng.lognormvariate(math.log(380000 if hazardous else 300000), 0.35), -2)
    below_mzp = 0
    if rng.random() < (0.20 if troubled else 0.03):
        below_mzp = max(1, int(headcount * rng.uniform(0.01, 0.15)))
    arrears, arrears_days = 0, 0
    if rng.random() < (0.45 if troubled else 0.02):
        arrears = round(headcount * avg_wage * rng.uniform(0.05, 1.5), -3)
        arrears_days = rng.randint(5, 240)
    tax = round(rng.uniform(50000, 30000000), -3) if rng.random() < (0.50 if troubled else 0.08) else 0
    gap = max(1, int(headcount * rng.uniform(0.01, 0.2))) if rng.random() < (0.35 if troubled else 0.03) else 0
    osns = rng.random() >= (0.40 if troubled else 0.12)
    accidents = poisson(rng, headcount * accident_rate / 1000 * (2.5 if troubled else 1))
    fatal = sum(1 for _ in range(accidents) if rng.random() < 0.08)
    occupational = poisson(rng, headcount * (0.0003 if hazardous else 0.00002))
    harmful = int(headcount * rng.uniform(h_lo, h_hi)) if hazardous or rng.random() < 0.5 else 0
    dispensary = poisson(rng, headcount * (0.012 if hazardous else 0.004))
    thermal = rng.random() < thermal_p
    fire = 1 if rng.random() < (0.02 + (0.03 if thermal else 0)) else 0
    violations = poisson(rng, 2.0) if rng.random() < (0.60 if troubled else 0.07) else 0
    last_attestation = date_between(rng, dt.date(2020, 4, 1), dt.date(2025, 10, 1))
    ohs_service = {"large": 0.98, "medium": 0.85, "small": 0.45}[size] > rng.random()
    collective = {"large": 0.92, "medium": 0.65, "small": 0.20}[size] > rng.random()
    drop = rng.random() < (0.40 if troubled else 0.04)
    headcount_prev = int(headcount / rng.uniform(0.55, 0.85)) if drop else int(headcount * rng.uniform(0.9, 1.1))
    turnover = rng.uniform(0.25, 0.6) if troubled else rng.uniform(0.03, 0.28)
    left = int(headcount * turnover)
    revenue_prev = round(headcount * avg_wage * 12 * rng.uniform(2.5, 6), -3)
    revenue_fall = rng.random() < (0.35 if troubled else 0.05)
    revenue = round(revenue_prev * (rng.uniform(0.3, 0.68) if revenue_fall else rng.uniform(0.85, 1.3)), -3)
    form = rng.choice(FORMS) if size == "small" else rng.choice(FORMS[:-1])
    row = {
        "bin": f"{(i * 7919 + 100000) % 1000000:06d}{rng.randrange(1000000):06d}",
        "name": f"{form} «{rng.choice(NAME_A)}{rng.choice(NAME_B)}-{i % 97 + 1}»",
        "region": region,
        "oked": rng.choice(codes),
        "oked_section": section,
        "size": size,
        "headcount": headcount,
        "headcount_prev_year": headcount_prev,
        "left_12m": left,
        "avg_wage": int(avg_wage),
        "workers_below_mzp": below_mzp,
        "wage_arrears": int(arrears),
        "wage_arrears_days": arrears_days,
        "tax_arrears": int(tax),
        "contributions_gap_workers": gap,
        "osns_contract": "true" if osns else "false",
        "accidents_12m": accidents,
        "fatal_accidents_12m": fatal,
        "occupational_diseases_12m": occupational,
        "harmful_workers": harmful,
        "dispensary_workers": dispensary,
        "thermal_processes": "true" if thermal else "false",
        "fire_incidents_12m": fire,
        "inspection_violations_12m": violations,
        "last_attestation": last_attestation.isoformat(),
        "ohs_service": "true" if ohs_service else "false",
        "collective_agreement": "true" if collective else "false",
        "revenue": int(revenue),
        "revenue_prev": int(revenue_prev),
    }
    blank_some(rng, row, ENTERPRISE_OPTIONAL, 0.015)
    return row


# ─── Families ──────────────────────────────────────────────────────────────────────────────────

FAMILY_COLUMNS = [
    "family_id", "region", "urban", "members", "children", "children_1_6", "able_bodied", "employed", "disabled",
    "pensioners", "income_month", "regional_pm", "regional_median_income", "housing", "overdue_debt",
    "children_out_of_school", "emergency_event", "child_at_risk",
]

FAMILY_OPTIONAL = ["regional_pm", "disabled", "children_1_6", "children_out_of_school", "urban", "pensioners",
                   "regional_median_income"]


def family(rng, i):
    region = weighted(rng, REGIONS)
    _, pm, median = REGIONS[region]
    urban = rng.random() < 0.62
    kind = rng.choices(["single", "couple", "couple_kids", "single_parent", "extended", "pensioners"],
                       weights=[14, 10, 44, 10, 12, 10])[0]
    adults, pensioners = {"single": (1, 0), "couple": (2, 0), "couple_kids": (2, 0), "single_parent": (1, 0),
                          "extended": (3, 1), "pensioners": (0, rng.choice([1, 2]))}[kind]
    children = 0
    if kind in ("couple_kids", "single_parent", "extended"):
        children = rng.choices([1, 2, 3, 4, 5, 6], weights=[28, 34, 22, 10, 4, 2])[0]
    if kind == "single" and rng.random() < 0.25:
        pensioners, adults = 1, 0
    members = adults + pensioners + children
    children_1_6 = sum(1 for _ in range(children) if rng.random() < 0.4)
    disabled = 1 if rng.random() < 0.07 else 0
    able = max(0, adults - (1 if disabled and adults > 0 and rng.random() < 0.5 else 0))
    employed = sum(1 for _ in range(able) if rng.random() < (0.86 if urban else 0.74))
    # Income: earnings of the employed, pensions, benefits; lognormal around regional levels.
    income = 0.0
    for _ in range(employed):
        income += rng.lognormvariate(math.log(median * 1.25), 0.45)
    for _ in range(pensioners):
        income += rng.uniform(85000, 190000)
    if children:
        income += children * rng.uniform(0, 9000)
    if disabled:
        income += rng.uniform(40000, 90000)
    if employed == 0 and pensioners == 0 and rng.random() < 0.55:
        income += rng.uniform(20000, 90000)  # benefits, casual earnings
    zero_income = rng.random() < 0.012
    if zero_income or (income == 0 and rng.random() < 0.7):
        income, employed = 0.0, 0
    housing = rng.choices(["own", "rent", "social", "emergency", "homeless"], weights=[70, 22, 4.5, 3, 0.5])[0]
    row = {
        "family_id": f"KZF-{i:06d}",
        "region": region,
        "urban": "true" if urban else "false",
        "members": members,
        "children": children,
        "children_1_6": children_1_6,
        "able_bodied": able,
        "employed": employed,
        "disabled": disabled,
        "pensioners": pensioners,
        "income_month": int(round(income, -2)),
        "regional_pm": pm,
        "regional_median_income": median,
        "housing": housing,
        "overdue_debt": "true" if rng.random() < 0.22 else "false",
        "children_out_of_school": 1 if children and rng.random() < 0.012 else 0,
        "emergency_event": "true" if rng.random() < 0.012 else "false",
        "child_at_risk": "true" if children and rng.random() < 0.012 else "false",
    }
    blank_some(rng, row, FAMILY_OPTIONAL, 0.015)
    return row


def write(path, columns, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--enterprises", type=int, default=3200)
    ap.add_argument("--families", type=int, default=2400)
    ap.add_argument("--out", default=here)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    write(os.path.join(args.out, "enterprises.csv"), ENTERPRISE_COLUMNS,
          [enterprise(rng, i) for i in range(1, args.enterprises + 1)])
    rng = random.Random(args.seed + 1)
    write(os.path.join(args.out, "families.csv"), FAMILY_COLUMNS,
          [family(rng, i) for i in range(1, args.families + 1)])


if __name__ == "__main__":
    main()
