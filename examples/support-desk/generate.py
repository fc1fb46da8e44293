#!/usr/bin/env python3
"""A synthetic 8-month ticket log of a public-service support desk, shaped like the published mix
(consultations 81.74 %, incidents P0 0.23 %, P1 2.60 %, P2 5.91 %, P3 7.08 %, changes 2.43 %;
about 270,000 requests from 1 March to 31 October 2023; requesters across the 11 time zones of
Russia, 55 % on Moscow time):

    python3 examples/support-desk/generate.py [--count 270000] [--seed 11] [--out tickets.csv]

Columns are the fields of schema Ticket (rules/support/desk.rules). `history` is the status history
as "status@moment;…" with the requester's UTC offset. Deterministic for a given seed."""
import argparse, csv, datetime as dt, os, random

ZONES = [  # (IANA zone, UTC offset hours, share of requests, regions)
    ("Europe/Kaliningrad", 2, 0.02, ["39"]),
    ("Europe/Moscow", 3, 0.55, ["77", "78", "50", "16", "23", "61", "52", "36", "34", "64"]),
    ("Europe/Samara", 4, 0.06, ["63", "73", "18"]),
    ("Asia/Yekaterinburg", 5, 0.12, ["66", "74", "72", "02", "59", "86"]),
    ("Asia/Omsk", 6, 0.03, ["55"]),
    ("Asia/Krasnoyarsk", 7, 0.08, ["24", "54", "42", "22", "70"]),
    ("Asia/Irkutsk", 8, 0.04, ["38", "03"]),
    ("Asia/Yakutsk", 9, 0.02, ["14", "75"]),
    ("Asia/Vladivostok", 10, 0.05, ["25", "27"]),
    ("Asia/Magadan", 11, 0.01, ["49", "65"]),
    ("Asia/Kamchatka", 12, 0.02, ["41", "87"]),
]
MIX = [("consultation", None, 0.8174), ("incident", 0, 0.0023), ("incident", 1, 0.0260), ("incident", 2, 0.0591),
       ("incident", 3, 0.0708), ("change", None, 0.0243)]
TEXTS = {
    ("consultation", None): ["Подскажите, как разместить вакансию", "Где найти отклики на резюме?", "Как подтвердить учётную запись",
                             "Прошу разъяснить порядок регистрации", "Как получить выписку"],
    ("incident", 0): ["Сервис выдаёт ошибку на всех формах", "Ошибка авторизации у всех пользователей"],
    ("incident", 1): ["Портал не работает с утра", "Личный кабинет не открывается", "Сервис недоступен"],
    ("incident", 2): ["Ошибка при сохранении резюме", "Не загружается файл анкеты", "Форма зависает при отправке"],
    ("incident", 3): ["Неверно отображается дата в карточке", "Ошибка в подписи поля формы"],
    ("change", True): ["Прошу изменить дату рождения, ошиблась при вводе", "Прошу изменить ИНН в анкете"],
    ("change", False): ["Прошу добавить фильтр по региону", "Доработать выгрузку отчёта"],
}
SUBSYSTEMS = ["Вакансии", "Резюме", "Личный кабинет", "Отчётность", "Авторизация"]
# Rough calendar time a target allows (hours), to draw resolution times around it.
ALLOWED = {("consultation", None): 9, ("incident", 0): 6, ("incident", 1): 12, ("incident", 2): 36, ("incident", 3): 21 * 24,
           ("change", True): 14 * 24, ("change", False): 42 * 24}

def pick(rng, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=270000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "tickets.csv"))
    a = ap.parse_args()
    rng = random.Random(a.seed)
    start = dt.datetime(2023, 3, 1)
    span_days = (dt.datetime(2023, 11, 1) - start).days
    rows = []
    for i in range(a.count):
        zone, offset, _, regions = pick(rng, ZONES, [z[2] for z in ZONES])
        kind, priority, _ = pick(rng, MIX, [m[2] for m in MIX])
        user_error = None
        key = (kind, priority)
        if kind == "change":
            user_error = rng.random() < 0.6
            key = (kind, user_error)
        day = start + dt.timedelta(days=rng.randrange(span_days))
        if day.weekday() >= 5 and rng.random() < 0.7:
            day += dt.timedelta(days=7 - day.weekday())
        hour = min(23, max(0, int(rng.gauss(12.5, 3.2))))
        opened_local = day + dt.timedelta(hours=hour, minutes=rng.randrange(60))
        if opened_local >= dt.datetime(2023, 11, 1): opened_local -= dt.timedelta(days=3)
        tz = dt.timezone(dt.timedelta(hours=offset))
        opened = opened_local.replace(tzinfo=tz)
        allowed = ALLOWED[key] * 3600
        factor = rng.lognormvariate(-1.0, 0.55) if rng.random() < 0.94 else rng.uniform(1.05, 2.5)
        resolve_after = max(600, int(allowed * factor))
        events = [("new", opened)]
        t = opened + dt.timedelta(minutes=rng.randint(2, 40))
        events.append(("in_progress", t))
        if rng.random() < 0.12:  # waiting for the requester pauses the clock
            w = t + dt.timedelta(seconds=resolve_after // 3)
            back = w + dt.timedelta(hours=rng.uniform(1, 30))
            events += [("waiting_for_user", w), ("in_progress", back)]
            resolved = back + dt.timedelta(seconds=resolve_after * 2 // 3)
        else:
            resolved = opened + dt.timedelta(seconds=resolve_after)
        if rng.random() < 0.004:
            events.append(("cancelled", t + dt.timedelta(hours=1)))
        elif resolved < dt.datetime(2023, 11, 1, tzinfo=dt.timezone(dt.timedelta(hours=3))) or rng.random() < 0.5:
            events.append(("resolved", resolved))
            if rng.random() < 0.02:
                events += [("reopened", resolved + dt.timedelta(hours=2)), ("resolved", resolved + dt.timedelta(hours=8))]
            events.append(("closed", resolved + dt.timedelta(hours=rng.uniform(1, 48))))
        history = ";".join(f"{s}@{m.isoformat(timespec='seconds')}" for s, m in events)
        set_priority = priority if kind == "incident" and (priority in (0, 3) or rng.random() < 0.5) else None
        rows.append([f"T{i + 1:06d}", rng.choice(TEXTS[key]), "interagency" if kind == "consultation" and rng.random() < 0.03 else
                     rng.choice(["portal", "chat", "email"]), "", "" if set_priority is None else set_priority,
                     rng.choice(SUBSYSTEMS), rng.choice(regions), zone, "" if user_error is None else str(user_error).lower(), history])
    # A few bursts of similar outage reports: mass incidents.
    for b in range(6):
        base = start + dt.timedelta(days=rng.randrange(span_days - 2), hours=11)
        subsystem = rng.choice(SUBSYSTEMS)
        for j in range(rng.randint(12, 30)):
            opened = (base + dt.timedelta(minutes=rng.randint(0, 25))).replace(tzinfo=dt.timezone(dt.timedelta(hours=3)))
            history = f"new@{opened.isoformat(timespec='seconds')};in_progress@{(opened + dt.timedelta(minutes=5)).isoformat(timespec='seconds')};" \
                      f"resolved@{(opened + dt.timedelta(hours=3)).isoformat(timespec='seconds')}"
            rows.append([f"M{b}{j:03d}", "Портал не работает", "chat", "", "", subsystem, "77", "Europe/Moscow", "", history])
    with open(a.out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "text", "channel", "kind", "priority", "subsystem", "region", "zone", "user_error", "history"])
        w.writerows(rows)

main()
