#!/usr/bin/env python3
"""Synthetic workers for rules/ohs (guarantees by class of working conditions and OHS deadlines).
Deterministic: the same seed gives byte-identical files.

    python3 examples/ohs/generate.py        # writes workers.csv and workers-with-errors.csv next to this script

workers.csv is clean demo data: every row fits the Worker schema; most workers are in order,
some have overdue training, briefings, medical exams or СОУТ, some lack a guarantee, and a few
optional cells are empty (those results come out "undetermined" and name the field).
workers-with-errors.csv has two good rows and five deliberately bad ones (an unknown class,
an impossible date, text in a number column, a bad yes/no value, an empty required column):
etalon reports each bad row with its row number and field and still evaluates the others.
Evaluate as of 2025-12-01:

    etalon eval rules/ohs --facts examples/ohs/workers.csv --as-of 2025-12-01
    etalon eval rules/ohs --facts examples/ohs/workers-with-errors.csv --as-of 2025-12-01
"""

import argparse
import csv
import datetime as dt
import os
import random

AS_OF = dt.date(2025, 12, 1)

COLUMNS = [
    "id", "name", "organisation", "region", "position", "workplace", "birth_date", "hired", "disability_group",
    "conditions_class", "sout_date", "weekly_hours", "extended_hours_agreement", "extra_leave_days", "pay_increase",
    "milk_factor", "milk_provided", "lpp_listed", "pension_list", "last_ohs_training", "high_hazard_work",
    "last_program_v", "first_aid_required", "last_first_aid", "ppe_training_required", "last_ppe_training",
    "briefing_exempt", "last_repeat_briefing", "ohs_specialist", "last_specialist_check", "med_exam_required",
    "med_factor", "last_med_exam", "harmful_since", "last_profpath_exam",
]

CLASSES = ["optimal", "acceptable", "harmful_3_1", "harmful_3_2", "harmful_3_3", "harmful_3_4", "dangerous_4"]

# position: (weight, {class: weight}, pension list, high-hazard work, medical factor or None, milk factor probability,
#            therapeutic nutrition list, PPE training, office worker)
POSITIONS = {
    "Инженер-программист": (8, {"optimal": 3, "acceptable": 7}, "none", False, None, 0, False, False, True),
    "Бухгалтер": (6, {"acceptable": 1}, "none", False, None, 0, False, False, True),
    "Специалист по охране труда": (2, {"acceptable": 1}, "none", False, None, 0, False, False, True),
    "Электрогазосварщик": (10, {"harmful_3_1": 2, "harmful_3_2": 7, "harmful_3_3": 1}, "list_2", True, "noise", 0.6, False, True, False),
    "Маляр": (6, {"harmful_3_1": 4, "harmful_3_2": 6}, "list_2", False, "heaviness", 0.9, False, True, False),
    "Машинист крана": (6, {"acceptable": 4, "harmful_3_1": 6}, "none", True, "heights", 0, False, True, False),
    "Горнорабочий очистного забоя": (8, {"harmful_3_3": 6, "harmful_3_4": 4}, "list_1", True, "vibration_general", 0.3, True, True, False),
    "Сталевар": (6, {"harmful_3_3": 5, "harmful_3_4": 4, "dangerous_4": 1}, "list_1", True, "heaviness", 0.2, True, True, False),
    "Водитель погрузчика": (7, {"acceptable": 5, "harmful_3_1": 5}, "none", False, "vibration_general", 0, False, True, False),
    "Повар": (6, {"acceptable": 7, "harmful_3_1": 3}, "none", False, "food", 0, False, False, False),
    "Лаборант химического анализа": (5, {"harmful_3_1": 3, "harmful_3_2": 7}, "list_2", False, "sensory_load", 0.95, False, True, False),
    "Электромонтёр": (8, {"acceptable": 6, "harmful_3_1": 4}, "none", True, "heights", 0, False, True, False),
    "Газоспасатель": (3, {"harmful_3_4": 3, "dangerous_4": 7}, "list_2", True, "heaviness", 0, False, True, False),
    "Оператор станков с ЧПУ": (9, {"acceptable": 5, "harmful_3_1": 4, "harmful_3_2": 1}, "none", False, "noise", 0, False, True, False),
}

ORGANISATIONS = [("АО «Уралмет»", "66"), ("ООО «Кузбасс-Уголь»", "42"), ("ООО «ТехноСервис»", "77"),
                 ("АО «Химпром-Волга»", "63")]
SURNAMES = ["Иванов", "Петров", "Сидоров", "Кузнецов", "Смирнов", "Попов", "Васильев", "Новиков", "Фёдоров",
            "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов",
            "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв"]
INITIALS = "АБВГДЕИКЛМНОПРСТФ"


def days_before(rng, lo, hi):
    return AS_OF - dt.timedelta(days=rng.randint(lo, hi))


def last_event(rng, period_days, overdue_rate, not_before):
    """A last-event date that is in time for most workers and overdue for `overdue_rate` of them."""
    if rng.random() < overdue_rate:
        d = days_before(rng, period_days + 1, period_days + 200)
    else:
        d = days_before(rng, 0, period_days - 1)
    return max(d, not_before)


def iso(d):
    return d.isoformat() if d else ""


def worker(rng, i):
    position = rng.choices(list(POSITIONS), weights=[p[0] for p in POSITIONS.values()])[0]
    _, classes, pension, high_hazard, med_factor, milk_p, lpp, ppe, office = POSITIONS[position]
    cls = rng.choices(list(classes), weights=list(classes.values()))[0]
    rank = CLASSES.index(cls)
    org, region = ORGANISATIONS[i % len(ORGANISATIONS)]
    age = rng.choices([17, 19, 20, 25, 35, 45, 55, 62], weights=[1, 2, 2, 18, 28, 25, 18, 6])[0]
    birth = AS_OF - dt.timedelta(days=age * 365 + rng.randint(0, 364))
    earliest_hire = max(birth + dt.timedelta(days=16 * 365 + 30), dt.date(2005, 1, 10))
    hired = earliest_hire + dt.timedelta(days=rng.randint(0, max(0, (AS_OF - earliest_hire).days - 20)))
    new_hire = (AS_OF - hired).days < 90
    # СОУТ of the workplace: every 5 years; a few overdue, a few workplaces not assessed yet.
    sout = days_before(rng, 30, 5 * 365 - 1) if rng.random() > 0.05 else days_before(rng, 5 * 365 + 1, 5 * 365 + 300)
    if rng.random() < 0.015:
        sout = None
    shortened = rank >= CLASSES.index("harmful_3_3")
    agreement = shortened and rng.random() < 0.2
    hours = 40 if (not shortened or agreement) else 36
    if shortened and not agreement and rng.random() < 0.05:
        hours = 40  # violation: 40 hours without an agreement
    if age < 18:
        hours = 35
    leave = rng.choice([7, 7, 7, 10, 12, 14]) if rank >= CLASSES.index("harmful_3_2") else 0
    if leave and rng.random() < 0.04:
        leave = rng.choice([0, 5, 6])
    raise_ = rng.choice([4, 4, 5, 6, 8, 10, 12]) if rank >= CLASSES.index("harmful_3_1") else 0
    if raise_ and rng.random() < 0.04:
        raise_ = rng.choice([0, 2, 3])
    milk_factor = CLASSES.index("harmful_3_1") <= rank <= CLASSES.index("harmful_3_4") and rng.random() < milk_p
    milk_provided = milk_factor and rng.random() > 0.06
    # Training and briefings.
    last_ohs = last_event(rng, 3 * 365, 0.07, hired)
    if new_hire and rng.random() < 0.5:
        last_ohs = None  # not trained yet: 60 days after hire
    program_v = last_event(rng, 365, 0.08, hired) if high_hazard else None
    first_aid_required = not office or rng.random() < 0.3
    first_aid = last_event(rng, 3 * 365, 0.05, hired) if first_aid_required else None
    ppe_training = last_event(rng, 3 * 365, 0.05, hired) if ppe else None
    exempt = office and rng.random() < 0.9
    briefing = None if exempt else last_event(rng, 182, 0.10, hired)
    specialist = position == "Специалист по охране труда"
    specialist_check = last_event(rng, 365, 0.15, hired) if specialist else None
    # Medical exams (order № 29н): periodic for harmful factors and types of work.
    med_required = med_factor is not None
    period = 365 if (med_factor in ("noise", "heaviness", "food", "heights") or age < 21) else 730
    last_med = last_event(rng, period, 0.07, hired) if med_required else None
    if med_required and rng.random() < 0.015:
        last_med = None
    harmful_since = hired if rank >= CLASSES.index("harmful_3_1") else None
    profpath = None
    if harmful_since and (AS_OF - harmful_since).days > 5 * 365 and rng.random() > 0.12:
        profpath = last_event(rng, 5 * 365, 0.0, harmful_since + dt.timedelta(days=5 * 365 - 200))
    disability = rng.choices(["", "3", "2"], weights=[96, 3, 1])[0]
    row = {
        "id": f"W{i:05d}",
        "name": f"{rng.choice(SURNAMES)} {rng.choice(INITIALS)}. {rng.choice(INITIALS)}.",
        "organisation": org,
        "region": region,
        "position": position,
        "workplace": f"{i % 40 + 1:02d}-{rng.randint(1, 60):02d}",
        "birth_date": iso(birth),
        "hired": iso(hired),
        "disability_group": disability,
        "conditions_class": cls if sout else "",
        "sout_date": iso(sout),
        "weekly_hours": hours,
        "extended_hours_agreement": "true" if agreement else "false",
        "extra_leave_days": leave,
        "pay_increase": f"{raise_}%",
        "milk_factor": "true" if milk_factor else "false",
        "milk_provided": "true" if milk_provided else "false",
        "lpp_listed": "true" if lpp else "false",
        "pension_list": pension,
        "last_ohs_training": iso(last_ohs),
        "high_hazard_work": "true" if high_hazard else "false",
        "last_program_v": iso(program_v),
        "first_aid_required": "true" if first_aid_required else "false",
        "last_first_aid": iso(first_aid),
        "ppe_training_required": "true" if ppe else "false",
        "last_ppe_training": iso(ppe_training),
        "briefing_exempt": "true" if exempt else "false",
        "last_repeat_briefing": iso(briefing),
        "ohs_specialist": "true" if specialist else "false",
        "last_specialist_check": iso(specialist_check),
        "med_exam_required": "true" if med_required else "false",
        "med_factor": med_factor or "",
        "last_med_exam": iso(last_med),
        "harmful_since": iso(harmful_since),
        "last_profpath_exam": iso(profpath),
    }
    # A few more empty optional cells: data not yet entered in the cabinet.
    if rng.random() < 0.02:
        row[rng.choice(["weekly_hours", "pay_increase", "milk_factor", "extra_leave_days"])] = ""
    return row


def with_errors(rows):
    """Two good rows and five bad ones, each bad in one field."""
    bad = [dict(r) for r in rows[2:7]]
    bad[0]["conditions_class"] = "3.2"                 # not a case name of ConditionsClass
    bad[1]["birth_date"] = "1990-02-31"                # no such date
    bad[2]["weekly_hours"] = "сорок"                   # not a number
    bad[3]["high_hazard_work"] = "возможно"            # not true/false
    bad[4]["position"] = ""                            # required field left empty
    return rows[:2] + bad


def write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--workers", type=int, default=560)
    ap.add_argument("--out", default=here)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    rows = [worker(rng, i) for i in range(1, args.workers + 1)]
    write(os.path.join(args.out, "workers.csv"), rows)
    write(os.path.join(args.out, "workers-with-errors.csv"), with_errors(rows))


if __name__ == "__main__":
    main()
