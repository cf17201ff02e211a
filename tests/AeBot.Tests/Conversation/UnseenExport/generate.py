#!/usr/bin/env python3
"""Fjord Robotics' Salesforce export (a folder of CSVs), generated deterministically.

Fjord Robotics sells warehouse robots (Nordlys AMR, PickPilot Arm, Skagen Sorter, ...) and the software and
support around them. Two regional teams (Atlantic, Pacific) of five account executives each, a VP of Sales in
Oslo, a customer success manager and a sales-ops admin. Opportunities close between July 2025 and September 2027;
"today" is 2026-11-28 (the clock of the tests). Run: python3 generate.py  (writes the CSVs next to this file).
Same script, same files: the only randomness is random.Random(SEED).
"""
import csv
import datetime as dt
import os
import random

SEED = 20261128
TODAY = dt.date(2026, 11, 28)
HERE = os.path.dirname(os.path.abspath(__file__))
rnd = random.Random(SEED)

DOMAIN = "fjordrobotics.example"

# ---------------------------------------------------------------- people
# (user id, name, title, manager, team, time zone, quarterly quota Q4 2026)
USERS = [
    ("0055e00000AbQ01", "Ingrid Solberg", "VP of Sales", "", "", "Europe/Oslo", ""),
    ("0055e00000AbQ02", "Tobias Brandt", "Sales Operations Administrator", "Ingrid Solberg", "Revenue Operations", "America/New_York", ""),
    ("0055e00000AbQ03", "Paloma Ibarra", "Customer Success Manager", "Ingrid Solberg", "Customer Success", "America/Chicago", ""),
    ("0055e00000AbQ04", "Curtis Obi", "Regional Sales Director", "Ingrid Solberg", "Atlantic", "America/New_York", ""),
    ("0055e00000AbQ05", "Annika Berg", "Regional Sales Director", "Ingrid Solberg", "Pacific", "America/Los_Angeles", ""),
    ("0055e00000AbQ06", "Bethany Kowalski", "Senior Account Executive", "Curtis Obi", "Atlantic", "America/New_York", "650000"),
    ("0055e00000AbQ07", "Desmond Achebe", "Account Executive", "Curtis Obi", "Atlantic", "America/New_York", "450000"),
    ("0055e00000AbQ08", "Harriet Lindqvist", "Account Executive", "Curtis Obi", "Atlantic", "America/Chicago", "450000"),
    ("0055e00000AbQ09", "Mateo Alvarez", "Account Executive", "Curtis Obi", "Atlantic", "America/Chicago", "400000"),
    ("0055e00000AbQ10", "Simone Duval", "Account Executive", "Curtis Obi", "Atlantic", "America/Toronto", "400000"),
    ("0055e00000AbQ11", "Garrett Finch", "Senior Account Executive", "Annika Berg", "Pacific", "America/Los_Angeles", "650000"),
    ("0055e00000AbQ12", "Leilani Kahale", "Account Executive", "Annika Berg", "Pacific", "Pacific/Honolulu", "400000"),
    ("0055e00000AbQ13", "Rohan Mehta", "Account Executive", "Annika Berg", "Pacific", "America/Denver", "450000"),
    ("0055e00000AbQ14", "Wes Thornbury", "Account Executive", "Annika Berg", "Pacific", "America/Phoenix", "400000"),
    ("0055e00000AbQ15", "Zofia Nowak", "Account Executive", "Annika Berg", "Pacific", "America/Los_Angeles", "450000"),
]
REPS = [u[1] for u in USERS if u[6]]
CSM = "Paloma Ibarra"


def email(name):
    return name.lower().replace(" ", ".") + "@" + DOMAIN


# How each rep sells: win probability of a closed deal, deal-size factor, number of deals.
PROFILE = {
    "Bethany Kowalski": (0.58, 1.35, 52),
    "Desmond Achebe": (0.44, 1.00, 48),
    "Harriet Lindqvist": (0.51, 0.90, 46),
    "Mateo Alvarez": (0.32, 0.95, 50),
    "Simone Duval": (0.47, 0.80, 44),
    "Garrett Finch": (0.55, 1.30, 51),
    "Leilani Kahale": (0.41, 0.85, 45),
    "Rohan Mehta": (0.49, 1.05, 49),
    "Wes Thornbury": (0.36, 0.90, 47),
    "Zofia Nowak": (0.56, 1.00, 46),
}

# ---------------------------------------------------------------- products
# (code, name, family, list price, unit-based?, min qty, max qty)
PRODUCTS = [
    ("FR-AMR-400", "Nordlys AMR", "Hardware", 42000, True, 2, 12),
    ("FR-PPA-2", "PickPilot Arm", "Hardware", 68500, True, 1, 6),
    ("FR-SKS-10", "Skagen Sorter", "Hardware", 215000, True, 1, 2),
    ("FR-DMC-1", "DockMate Charger", "Hardware", 6400, True, 4, 20),
    ("FR-LVK-3", "Lodestar Vision Kit", "Hardware", 18750, True, 2, 8),
    ("FR-FWOS", "Fleetwise OS", "Software", 36000, False, 1, 1),
    ("FR-TSS", "TwinSim Studio", "Software", 14500, False, 1, 1),
    ("FR-CLS", "CareLink Support", "Services", 12000, False, 1, 1),
]
PRODUCT_WEIGHTS = {"Nordlys AMR": 26, "PickPilot Arm": 16, "Skagen Sorter": 6, "DockMate Charger": 8,
                   "Lodestar Vision Kit": 10, "Fleetwise OS": 16, "TwinSim Studio": 8, "CareLink Support": 10}
SHORT = {"Nordlys AMR": "Nordlys", "PickPilot Arm": "PickPilot", "Skagen Sorter": "Skagen", "DockMate Charger": "DockMate",
         "Lodestar Vision Kit": "Lodestar", "Fleetwise OS": "Fleetwise", "TwinSim Studio": "TwinSim", "CareLink Support": "CareLink"}
PRODUCT = {p[1]: p for p in PRODUCTS}

# ---------------------------------------------------------------- accounts
ACCOUNT_NAMES = [
    ("Tidewater Grocers", "Retail", "US"), ("Ridgeback Freight", "Logistics", "US"), ("Copperline Auto Parts", "Automotive", "US"),
    ("Halvorsen Cold Storage", "Logistics", "Norway"), ("Bluestem Pharmacy Supply", "Healthcare", "US"),
    ("Quarry Hill Outfitters", "Retail", "US"), ("Morningside Mercantile", "Retail", "US"), ("Alder & Ash Furniture", "Manufacturing", "US"),
    ("Keelson Marine Supply", "Wholesale", "US"), ("Saltmarsh Seafood Co.", "Food & Beverage", "US"),
    ("Prairie Gate Distribution", "Logistics", "US"), ("Ironweed Hardware", "Retail", "US"), ("Larkspur Apparel Group", "Apparel", "US"),
    ("Northbound 3PL", "Logistics", "Canada"), ("Cinder Valley Foods", "Food & Beverage", "US"), ("Oxbow Medical Logistics", "Healthcare", "US"),
    ("Granite Peak Beverages", "Food & Beverage", "US"), ("Windrow Agricultural Co-op", "Agriculture", "US"),
    ("Brightwater E-Commerce", "E-Commerce", "US"), ("Foxglove Cosmetics", "Consumer Goods", "US"), ("Tallgrass Building Supply", "Wholesale", "US"),
    ("Juniper Lane Books", "Retail", "US"), ("Redfern Electronics Distribution", "Electronics", "US"), ("Stillwater Pet Supply", "Retail", "US"),
    ("Bramblewood Toys", "Consumer Goods", "US"), ("Coldharbour Frozen Foods", "Food & Beverage", "Canada"),
    ("Ember & Oak Home Goods", "Retail", "US"), ("Lighthouse Parcel", "Logistics", "US"), ("Mesa Verde Produce", "Agriculture", "US"),
    ("Pinecrest Office Supply", "Wholesale", "US"), ("Riverbend Paper Co.", "Manufacturing", "US"), ("Sable Creek Sporting Goods", "Retail", "US"),
    ("Thornapple Bakeries", "Food & Beverage", "US"), ("Union Yard Logistics", "Logistics", "US"), ("Vantage Tire & Wheel", "Automotive", "US"),
    ("Westerly Wine Merchants", "Food & Beverage", "US"), ("Yellowfin Fulfillment", "E-Commerce", "US"), ("Zephyr Bike Works", "Manufacturing", "US"),
    ("Anchorage Fisheries", "Food & Beverage", "US"), ("Birchwood Pharmaceuticals", "Healthcare", "US"), ("Cascade Kitchenware", "Consumer Goods", "US"),
    ("Driftwood Coffee Roasters", "Food & Beverage", "US"), ("Eastgate Cash & Carry", "Wholesale", "US"), ("Fairhaven Dairy", "Food & Beverage", "US"),
    ("Glenmore Spirits", "Food & Beverage", "US"), ("Hollis Industrial Fasteners", "Manufacturing", "US"), ("Indigo Textile Mills", "Apparel", "US"),
    ("Kestrel Aerospace Components", "Aerospace", "US"), ("Lowland Grain Cooperative", "Agriculture", "US"),
    ("Marigold Specialty Foods", "Food & Beverage", "US"), ("Nettlebed Garden Centers", "Retail", "US"), ("Orchard Row Cider", "Food & Beverage", "US"),
    ("Pembrook Medical Devices", "Healthcare", "US"), ("Quillon Cutlery", "Consumer Goods", "US"), ("Rockport Building Materials", "Wholesale", "US"),
    ("Silverline Vitamins", "Healthcare", "US"), ("Tamarack Outdoor", "Retail", "Canada"), ("Upland Feed & Seed", "Agriculture", "US"),
    ("Verity Lab Supplies", "Healthcare", "US"), ("Wexford Wholesale", "Wholesale", "US"), ("Ashgrove Tea Company", "Food & Beverage", "US"),
    ("Bellwether Appliance", "Electronics", "US"), ("Caldera Hot Sauce", "Food & Beverage", "US"), ("Dunmore Shipping Supplies", "Wholesale", "US"),
    ("Evergreen Party Rentals", "Services", "US"), ("Foxhollow Vineyards", "Food & Beverage", "US"),
]

STAGES_OPEN = [("Discovery Call", 10, "Pipeline"), ("Solution Fit", 25, "Pipeline"), ("Site Survey", 40, "Pipeline"),
               ("Business Case", 60, "Best Case"), ("Legal Review", 85, "Commit")]
LOSS_REASONS = ["Price", "Lost to competitor - Locus", "Lost to competitor - GreyOrange", "No budget", "Timing - project deferred",
                "No decision", "Went with in-house automation"]
LEAD_SOURCES = ["Trade Show - ProMat", "Inbound - Website", "Partner Referral", "Outbound", "Customer Referral", "Webinar"]
FIRST = ["Avery", "Jordan", "Casey", "Morgan", "Riley", "Quinn", "Hayden", "Parker", "Rowan", "Sage", "Emerson", "Dakota", "Reese",
         "Finley", "Kendall", "Marlowe", "Tatum", "Lennox", "Arden", "Blair", "Corin", "Devon", "Ellis", "Greer", "Harper", "Indy"]
LAST = ["Whitaker", "Okonkwo", "Sorensen", "Castellano", "Nakamura", "Brennan", "Fairweather", "Delacroix", "Haddad", "Lindgren",
        "Ostrowski", "Pemberton", "Quintero", "Rasmussen", "Szabo", "Trevino", "Ueda", "Vasquez", "Wojcik", "Yilmaz", "Zimmer"]
TITLES = ["VP Operations", "Director of Distribution", "Warehouse Manager", "COO", "Head of Supply Chain", "Procurement Lead",
          "Automation Engineer", "CFO", "Site Director"]


def d(date):
    return f"{date.month}/{date.day}/{date.year}"


def money(value):
    return f"{value:.2f}"


def round_to(value, step):
    return int(round(value / step)) * step


# ---------------------------------------------------------------- build
def build():
    accounts = []  # dicts
    names = ACCOUNT_NAMES[:]
    rnd.shuffle(names)
    for i, (name, industry, country) in enumerate(names):
        owner = REPS[i % len(REPS)]
        slug = "".join(c for c in name.lower() if c.isalnum())[:18]
        accounts.append({
            "id": f"0015e00001Fj{i + 1:03d}", "name": name, "owner": owner, "industry": industry, "country": country,
            "employees": rnd.choice([120, 240, 380, 650, 900, 1400, 2200, 3800, 5200, 9000]),
            "website": f"www.{slug}.example", "created": dt.date(2024, 1, 1) + dt.timedelta(days=rnd.randint(0, 500)),
            "am": "",
        })
    by_owner = {r: [a for a in accounts if a["owner"] == r] for r in REPS}

    deals = []
    seq = 0
    for rep in REPS:
        win, size, count = PROFILE[rep]
        for k in range(count):
            seq += 1
            account = rnd.choice(by_owner[rep])
            product = rnd.choices(list(PRODUCT_WEIGHTS), weights=PRODUCT_WEIGHTS.values())[0]
            code, pname, family, price, units, lo, hi = PRODUCT[product]
            kind = rnd.choices(["New Logo", "Fleet Expansion", "Renewal"], weights=[58, 27, 15])[0]
            if kind == "Renewal":
                product = rnd.choice(["Fleetwise OS", "CareLink Support"])
                code, pname, family, price, units, lo, hi = PRODUCT[product]
            qty = rnd.randint(lo, hi) if units else 1
            raw = price * qty * size * rnd.uniform(0.78, 1.12)
            if not units:
                raw *= rnd.choice([1, 1, 1, 2, 3])  # multi-site subscriptions
            amount = round_to(raw, 50) if rnd.random() < 0.8 else round(raw, 2)
            if rnd.random() < 0.08:
                amount = round(raw / 12.5, 0) * 12.5  # quarter-dollar discounts show up as cents
            # close date: 2025-07-01 .. 2027-09-30
            close = dt.date(2025, 7, 1) + dt.timedelta(days=rnd.randint(0, (dt.date(2027, 9, 30) - dt.date(2025, 7, 1)).days))
            cycle = rnd.randint(21, 75) if not units or product == "DockMate Charger" else rnd.randint(45, 190)
            created = close - dt.timedelta(days=cycle)
            deal = {
                "id": f"0065e00000Fr{seq:04d}", "account": account["name"], "owner": rep, "product": product, "type": kind,
                "qty": qty, "amount": amount, "close": close, "created": created, "loss": "", "next": "",
                "source": rnd.choice(LEAD_SOURCES),
            }
            if close < TODAY:
                if close >= dt.date(2026, 10, 1) and rnd.random() < 0.22:
                    # still open although its close date has passed (nobody updated it)
                    stage, prob, forecast = rnd.choice(STAGES_OPEN[2:])
                    deal.update(stage=stage, prob=prob, forecast=forecast, next="Chase signature / update close date")
                elif rnd.random() < win:
                    deal.update(stage="Closed Won", prob=100, forecast="Closed")
                else:
                    deal.update(stage="Closed Lost", prob=0, forecast="Omitted", loss=rnd.choice(LOSS_REASONS))
            else:
                ahead = (close - TODAY).days
                if ahead < 45:
                    options = STAGES_OPEN[2:]
                elif ahead < 120:
                    options = STAGES_OPEN[1:4]
                else:
                    options = STAGES_OPEN[:3]
                stage, prob, forecast = rnd.choice(options)
                deal.update(stage=stage, prob=prob, forecast=forecast,
                            next=rnd.choice(["Site walk-through", "Send ROI model", "Security questionnaire", "Pilot scoping call",
                                             "Redlines back from legal", "Intro to CFO", ""]))
                if created > TODAY - dt.timedelta(days=3):
                    deal["created"] = TODAY - dt.timedelta(days=rnd.randint(4, 70))
                if stage in ("Discovery Call", "Solution Fit") and rnd.random() < 0.35:
                    deal["amount"] = None  # not sized yet
            deals.append(deal)

    # Only a customer (an account with a deal won before) renews or expands: the first deals of an account are new logos.
    won_dates = {}
    for x in deals:
        if x["stage"] == "Closed Won":
            won_dates.setdefault(x["account"], []).append(x["close"])
    for x in deals:
        if x["type"] != "New Logo" and not any(w < x["close"] for w in won_dates.get(x["account"], [])):
            x["type"] = "New Logo"
        units = PRODUCT[x["product"]][4]
        label = f"{x['qty']}x {SHORT[x['product']]}" if units else SHORT[x["product"]]
        if x["type"] == "Renewal":
            label = f"{SHORT[x['product']]} renewal {x['close'].year}"
        elif x["type"] == "Fleet Expansion":
            label = f"Expansion - {label}"
        x["name"] = f"{x['account']} - {label}"

    # Customers: accounts with a won deal. Paloma looks after most of them.
    customers = sorted({x["account"] for x in deals if x["stage"] == "Closed Won"})
    for a in accounts:
        if a["name"] in customers and rnd.random() < 0.7:
            a["am"] = CSM

    contracts = []
    n = 0
    for a in accounts:
        if a["name"] not in customers:
            continue
        for product in rnd.sample(["Fleetwise OS", "CareLink Support", "TwinSim Studio"], k=rnd.choice([1, 1, 2])):
            n += 1
            term = rnd.choice([12, 12, 24, 36])
            # contracts start on the first of a month and end the day before their anniversary
            first = (dt.date(2026, 5, 1) + dt.timedelta(days=rnd.randint(0, 570))).replace(day=1)
            y, m = first.year, first.month - term
            while m <= 0:
                m += 12
                y -= 1
            day = 15 if rnd.random() < 0.3 else 1
            start = dt.date(y, m, day)
            end = first.replace(day=day) - dt.timedelta(days=1)
            value = round_to(PRODUCT[product][3] * rnd.uniform(0.9, 3.2), 100)
            contracts.append({"id": f"00{8000 + n}", "account": a["name"], "product": product, "start": start, "end": end,
                              "value": value, "auto": rnd.choice(["Yes", "No", "No"])})

    contacts = []
    m = 0
    for a in accounts:
        for _ in range(rnd.randint(1, 3)):
            m += 1
            first, last = rnd.choice(FIRST), rnd.choice(LAST)
            slug = a["website"].split(".")[1]
            contacts.append({"id": f"0035e00000Ct{m:04d}", "first": first, "last": last, "title": rnd.choice(TITLES),
                             "email": f"{first.lower()}.{last.lower()}@{slug}.example", "phone": f"+1 555 {rnd.randint(1000, 9999)}",
                             "account": a["name"]})

    activities = []
    open_deals = [x for x in deals if x["stage"] not in ("Closed Won", "Closed Lost")]
    for i in range(110):
        deal = rnd.choice(open_deals if rnd.random() < 0.7 else deals)
        when = TODAY - dt.timedelta(days=rnd.randint(1, 120))
        people = [c for c in contacts if c["account"] == deal["account"]]
        contact = rnd.choice(people)
        kind = rnd.choice(["Call", "Call", "Meeting", "Email"])
        subject = {"Call": "Call with", "Meeting": "On-site meeting with", "Email": "Email to"}[kind] + f" {contact['first']}"
        notes = rnd.choice(["Walked through throughput numbers", "Asked for a reference site in cold storage",
                            "Concerned about floor markers and Wi-Fi coverage", "Budget approved for phase one",
                            "Wants pricing for a 3-year term", "Competitor demo next week"])
        activities.append({"id": f"00T5e00000Ac{i + 1:04d}", "subject": subject, "type": kind,
                           "date": f"{d(when)} {rnd.randint(8, 16)}:{rnd.choice(['00', '15', '30', '45'])}",
                           "owner": deal["owner"], "account": deal["account"], "deal": deal["name"], "deal_id": deal["id"], "contact": contact["email"],
                           "status": "Completed", "notes": notes})
    for i in range(14):
        deal = rnd.choice(open_deals)
        due = TODAY + dt.timedelta(days=rnd.randint(-6, 12))
        activities.append({"id": f"00T5e00000Tk{i + 1:04d}", "subject": rnd.choice(["Send revised quote", "Book site survey",
                                                                                   "Follow up on security review", "Share ROI model"]),
                           "type": "Task", "date": d(due), "owner": deal["owner"], "account": deal["account"], "deal": deal["name"], "deal_id": deal["id"],
                           "contact": "", "status": "Not Started", "notes": ""})
    return accounts, deals, contracts, contacts, activities


def write(name, header, rows, bom=False):
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8-sig" if bom else "utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def main():
    accounts, deals, contracts, contacts, activities = build()
    write("Users.csv", ["User ID", "Full Name", "Email", "Title", "Manager", "Sales Team", "Time Zone", "Quota", "Quota Period", "Active"],
          [[u[0], u[1], email(u[1]), u[2], u[3], u[4], u[5], u[6], "Q4 2026" if u[6] else "", "TRUE"] for u in USERS], bom=True)
    write("Products.csv", ["Product Code", "Product Name", "Product Family", "List Price", "Active"],
          [[p[0], p[1], p[2], money(p[3]), "TRUE"] for p in PRODUCTS])
    write("Accounts.csv", ["Account ID", "Account Name", "Account Owner", "Account Manager", "Industry", "Employees", "Website",
                           "Billing Country", "Created Date", "Type"],
          [[a["id"], a["name"], a["owner"], a["am"], a["industry"], a["employees"], a["website"], a["country"], d(a["created"]),
            "Customer" if a["am"] else "Prospect"] for a in accounts])
    write("Contacts.csv", ["Contact ID", "First Name", "Last Name", "Title", "Email", "Phone", "Account Name"],
          [[c["id"], c["first"], c["last"], c["title"], c["email"], c["phone"], c["account"]] for c in contacts])
    rows = []
    for x in deals:
        rows.append([x["id"], x["name"], x["account"], x["owner"], "" if x["amount"] is None else money(x["amount"]), "USD",
                     x["stage"], x["prob"], x["forecast"], d(x["close"]), d(x["created"]), x["type"], x["next"], x["product"],
                     x["qty"], x["source"], x["loss"]])
    # A real export is never clean: the same row twice (a re-run report), and one stage typed by hand.
    rows.append(list(rows[17]))
    typo = next(r for r in reversed(rows) if r[6] == "Legal Review")
    typo[6] = "Legal Reveiw"
    write("Opportunities.csv", ["Opportunity ID", "Opportunity Name", "Account Name", "Opportunity Owner", "Amount", "Opportunity Currency",
                                "Stage", "Probability (%)", "Forecast Category", "Close Date", "Created Date", "Type", "Next Step",
                                "Product Name", "Quantity", "Lead Source", "Loss Reason"], rows)
    write("Contracts.csv", ["Contract Number", "Account Name", "Product", "Contract Start Date", "Contract End Date",
                            "Annual Contract Value", "Auto Renew"],
          [[c["id"], c["account"], c["product"], d(c["start"]), d(c["end"]), money(c["value"]), c["auto"]] for c in contracts])
    write("Activities.csv", ["Activity ID", "Subject", "Activity Type", "Date", "Assigned To", "Account Name", "Opportunity", "Opportunity ID", "Name",
                             "Status", "Comments"],
          [[a["id"], a["subject"], a["type"], a["date"], a["owner"], a["account"], a["deal"], a["deal_id"], a["contact"], a["status"], a["notes"]]
           for a in activities])
    print(f"{len(accounts)} accounts, {len(deals)} opportunities (+1 duplicate row), {len(contracts)} contracts, "
          f"{len(contacts)} contacts, {len(activities)} activities")


if __name__ == "__main__":
    main()
