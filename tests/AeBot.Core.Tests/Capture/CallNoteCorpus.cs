using AeBot.Core.Interactions;
using static AeBot.Core.Interactions.InteractionType;

namespace AeBot.Core.Tests.Capture;

/// <summary>
/// What a rep typed after a call or a meeting, and what a sales colleague reading it would record: the kind of
/// interaction, who was there, a phrase the summary must keep, the objection topics (playbook topics; "other" for
/// an objection no playbook entry fits), the follow-up (a distinctive part of its title) and its due date, and when
/// it happened when the note says so. Written by reading the notes, not by running the parser.
/// </summary>
/// <param name="Account">The account's words as the note writes them (the account finder supplies them in the app).</param>
/// <param name="Summary">A phrase the summary must contain; null when the note says nothing beyond who, when and what next.</param>
public sealed record CallNote(string Text, string Account, InteractionType? Type, string[] Contacts, string[] Topics, string? Summary, string? Step, string? Due)
{
    /// <summary>The rep's local clock when they sent it.</summary>
    public DateTime Now { get; init; } = CallNoteCorpus.Saturday;

    /// <summary>The day it happened, when the note says ("today", "yesterday", "this morning").</summary>
    public string? Occurred { get; init; }

    /// <summary>Words a rep would not expect to find anywhere in what was recorded: greetings, signatures, e-mail headers.</summary>
    public string[] Drops { get; init; } = [];
}

public static class CallNoteCorpus
{
    /// <summary>Saturday 28 Nov 2026, 09:00 — "Friday" is 4 Dec, "Monday" 30 Nov, "tomorrow" Sunday 29 Nov.</summary>
    public static readonly DateTime Saturday = new(2026, 11, 28, 9, 0, 0);

    /// <summary>Wednesday 2 Dec 2026, 10:00 — "Friday" is 4 Dec, "next Tuesday" 8 Dec, "EOM" 31 Dec.</summary>
    public static readonly DateTime Wednesday = new(2026, 12, 2, 10, 0, 0);

    private static readonly DateTime W = Wednesday;

    public static readonly IReadOnlyDictionary<string, CallNote> Notes = new Dictionary<string, CallNote>
    {
        // ---- one-liners, the way most reps write them ----
        ["A01"] = new("Logged a call with Acme today: they pushed back on GTX Pro pricing. Next step: send a revised quote by Friday",
            "Acme", Call, [], ["price"], "pushed back on GTX Pro pricing", "Send a revised quote", "2026-12-04") { Occurred = "2026-11-28" },
        ["A02"] = new("Logged a call with Dana and Lee at Acme — pushback on price, next step revised quote by Friday",
            "Acme", Call, ["Dana", "Lee"], ["price"], "Pushback on price", "Revised quote", "2026-12-04"),
        ["A03"] = new("Met with Sarah Chen at Globex. Demo went well; they are worried about timing. Next steps: send proposal on Monday",
            "Globex", Meeting, ["Sarah Chen"], ["timing"], "Demo went well", "Send proposal", "2026-11-30"),
        ["A04"] = new("emailed Tom at Initech - they said it's too expensive - follow up in 3 days",
            "Initech", Email, ["Tom"], ["price"], "too expensive", "Follow up", "2026-12-01"),
        ["A05"] = new("had a call with Acme, concerns about the competitor, action item: reference call by Dec 10",
            "Acme", Call, [], ["competitor"], "concerns about the competitor", "Reference call", "2026-12-10"),
        ["A06"] = new("Call with Priya at Umbrella - budget is frozen until Q2. NS: check in Jan 5",
            "Umbrella", Call, ["Priya"], ["no-budget"], "budget is frozen until Q2", "Check in", "2027-01-05"),
        ["A07"] = new("Met w/ Lucius Fox and Rachel Dawes at Wayne — loved the demo, but legal needs to review the DPA. Next step: send DPA + security pack by 12/4",
            "Wayne", Meeting, ["Lucius Fox", "Rachel Dawes"], ["approval"], "loved the demo", "Send DPA + security pack", "2026-12-04"),
        ["A08"] = new("Spoke to Gus at Pied Piper yesterday — he's concerned about switching costs from their current provider. Follow up next Tuesday with a migration plan.",
            "Pied Piper", Call, ["Gus"], ["current-vendor"], "switching costs", "migration plan", "2026-12-01") { Occurred = "2026-11-27" },
        ["A09"] = new("Had a meeting with Hooli's CTO and Gavin Belson. They're also evaluating Salesforce. I'll send a comparison sheet by Thursday.",
            "Hooli", Meeting, ["Gavin Belson"], ["competitor"], "evaluating Salesforce", "Send a comparison sheet", "2026-12-03"),
        ["A10"] = new("Called Lee at Oscorp about the renewal. He wants a multi-year discount before he'll sign. Send revised terms by Dec 4.",
            "Oscorp", Call, ["Lee"], ["price"], "multi-year discount", "Send revised terms", "2026-12-04"),
        ["A11"] = new("Lunch with Ellis from Nakatomi. Great relationship, no concerns. Next step: intro to their CFO, target 12/10",
            "Nakatomi", Meeting, ["Ellis"], [], "Great relationship", "Intro to their CFO", "2026-12-10"),
        ["A12"] = new("Note on Soylent: champion left the company, deal at risk. Need to find a new sponsor by end of month.",
            "Soylent", Note, [], [], "champion left the company", "Find a new sponsor", "2026-11-30"),
        ["A13"] = new("emailed the proposal to Jim Halpert at Dunder; he said he needs sign-off from Michael before signing. f/u Wed",
            "Dunder", Email, ["Jim Halpert"], ["approval"], "needs sign-off from Michael", "Follow up", "2026-12-02"),
        ["A14"] = new("Left a voicemail for Raj at Massive. I'll try again Monday.",
            "Massive", Call, ["Raj"], [], "Left a voicemail", "Try again", "2026-11-30"),
        ["A15"] = new("Emailed pricing to Lee at Oscorp, asked for a 15% discount. follow up on Thurs",
            "Oscorp", Email, ["Lee"], ["price"], "15% discount", "Follow up", "2026-12-03"),
        ["A16"] = new("Demo for Nakatomi this morning with Holly and Ellis. Went great, no objections. I'll send the proposal by EOW.",
            "Nakatomi", Meeting, ["Holly", "Ellis"], [], "Went great", "Send the proposal", "2026-12-04") { Occurred = "2026-11-28" },
        ["A17"] = new("lunch with gus from pied piper. he's worried we're too expensive vs their current setup. ns: put together TCO comparison, due 12/4",
            "pied piper", Meeting, ["Gus"], ["price"], "too expensive", "Put together TCO comparison", "2026-12-04"),
        ["A18"] = new("Call w/ Vandelay: Art said no budget this year, maybe next FY. f/u in 2 weeks",
            "Vandelay", Call, ["Art"], ["no-budget"], "no budget this year", "Follow up", "2026-12-12"),
        ["A19"] = new("Zoom w/ Cyberdyne (Miles Dyson) — the security questionnaire is the blocker. Next: send SOC 2 + pen test summary tmrw",
            "Cyberdyne", Meeting, ["Miles Dyson"], ["other"], "security questionnaire", "Send SOC 2 + pen test summary", "2026-11-29"),
        ["A20"] = new("Phone call with Michael Scott + Jim Halpert at Dunder. They need to run it by corporate before committing. I need to send the contract summary by Dec 4.",
            "Dunder", Call, ["Michael Scott", "Jim Halpert"], ["approval"], "run it by corporate", "Send the contract summary", "2026-12-04"),
        ["A21"] = new("Had a meeting with Roy Batty at Tyrell this morning, went well. They need approval from the board, expect a decision mid-December. I'll check in on Dec 14.",
            "Tyrell", Meeting, ["Roy Batty"], ["approval"], "went well", "Check in", "2026-12-14") { Occurred = "2026-11-28" },
        ["A22"] = new("Intro call with Aperture (Cave Johnson, Chell). Good fit, but they're locked into a contract with their current vendor until June. Next step: send references.",
            "Aperture", Call, ["Cave Johnson", "Chell"], ["current-vendor"], "Good fit", "Send references", null),
        ["A23"] = new("Phone call with Miles at Cyberdyne. No budget this quarter. Circle back in January.",
            "Cyberdyne", Call, ["Miles"], ["no-budget"], "No budget this quarter", "Circle back", "2027-01-01"),
        ["A24"] = new("Coffee with Hans from Nakatomi this morning. He's worried the rollout will clash with their year-end freeze. Send a phased plan by the 4th.",
            "Nakatomi", Meeting, ["Hans"], ["timing"], "year-end freeze", "Send a phased plan", "2026-12-04") { Occurred = "2026-11-28" },
        ["A25"] = new("Teams call w/ Monarch procurement, they want net-60 payment terms and a 10% discount. Next step: loop in finance, send updated order form by 12/04",
            "Monarch", Call, [], ["price"], "net-60 payment terms", "send updated order form", "2026-12-04"),
        ["A26"] = new("Massive QBR with Nina Sharp and Walter Bishop: renewal on track, no pushback. NS: send QBR recap tomorrow",
            "Massive", Meeting, ["Nina Sharp", "Walter Bishop"], [], "renewal on track", "Send QBR recap", "2026-11-29"),
        ["A27"] = new("Met with Kel Varnsen and Lloyd Braun from Vandelay, plus someone from their IT. They're happy with the demo and want to move forward, but Kel needs sign off from their CFO. Pricing wasn't raised. Next steps: I'll send the order form and a one-pager for the CFO by Friday.",
            "Vandelay", Meeting, ["Kel Varnsen", "Lloyd Braun"], ["approval"], "happy with the demo", "order form", "2026-12-04"),

        // ---- terse reps: lower case, abbreviations, little or no punctuation ----
        ["B01"] = new("call w/ acme - pricing pushback - f/u fri",
            "acme", Call, [], ["price"], "pricing pushback", "Follow up", "2026-12-04"),
        ["B02"] = new("mtg globex, went well, NS proposal mon",
            "globex", Meeting, [], [], "went well", "Proposal", "2026-11-30"),
        ["B03"] = new("vm for raj @ massive, try again tmrw",
            "massive", Call, ["Raj"], [], "vm", "Try again", "2026-11-29"),
        ["B04"] = new("called dana @ hooli. too expensive. fu next tues",
            "hooli", Call, ["Dana"], ["price"], "too expensive", "Follow up", "2026-12-01"),
        ["B05"] = new("initech call - they're going w/ a competitor unless we match price. escalate to marcus by eod",
            "initech", Call, [], ["competitor", "price"], "competitor unless we match price", "Escalate to marcus", "2026-11-28"),
        ["B06"] = new("quick sync w stark: legal review still pending; ns send redlines by 12/4",
            "stark", Meeting, [], [], "legal review still pending", "Send redlines", "2026-12-04"),
        ["B07"] = new("lvm for tom at initech",
            "initech", Call, ["Tom"], [], "lvm", null, null),
        ["B08"] = new("acme call. cfo balked at price. sending revised quote by 12/4",
            "acme", Call, [], ["price"], "balked at price", "revised quote", "2026-12-04"),
        ["B09"] = new("met w/ sam & priya (globex) budget ok, timing is the issue, they want to start in Q2. next step: send Q2 start proposal by the 10th",
            "globex", Meeting, ["Sam", "Priya"], ["timing"], "timing is the issue", "Send Q2 start proposal", "2026-12-10"),
        ["B10"] = new("email from lee @ oscorp asking for case studies. send by wed",
            "oscorp", Email, ["Lee"], [], "asking for case studies", "Send", "2026-12-02"),
        ["B11"] = new("convo w/ globex cfo - no budget til next FY. revisit Jan 15",
            "globex", Call, [], ["no-budget"], "no budget til next FY", "Revisit", "2027-01-15"),
        ["B12"] = new("Acme — no answer, left vm. try again Mon",
            "Acme", Call, [], [], "no answer", "Try again", "2026-11-30"),
        ["B13"] = new("stark demo done. they loved it. next: pricing proposal by Fri",
            "stark", Meeting, [], [], "loved it", "Pricing proposal", "2026-12-04"),
        ["B14"] = new("hooli: legal has the MSA. f/u w/ Jared on status thurs",
            "hooli", null, [], [], "legal has the MSA", "Jared on status", "2026-12-03"),
        ["B15"] = new("call with dinesh at pied piper. no budget. ns: check back Jan 4",
            "pied piper", Call, ["Dinesh"], ["no-budget"], "no budget", "Check back", "2027-01-04"),
        ["B16"] = new("wonka mtg w charlie. asked for discount. NS send quote",
            "wonka", Meeting, ["Charlie"], ["price"], "asked for discount", "Send quote", null),
        ["B17"] = new("Gringotts call: Griphook said they're locked in w/ their incumbent till 2027. nurture, f/u in 6 weeks",
            "Gringotts", Call, ["Griphook"], ["current-vendor"], "locked in", "Follow up", "2027-01-09"),
        ["B18"] = new("no show from initech today. resched for thurs",
            "initech", Meeting, [], [], "no show", "Resched", "2026-12-03") { Occurred = "2026-11-28" },
        ["B19"] = new("acme call: they want to wait till next quarter. ping them jan 5",
            "acme", Call, [], ["timing"], "wait till next quarter", "Ping them", "2027-01-05"),
        ["B20"] = new("call with mike at acme budget approved next step send order form fri",
            "acme", Call, ["Mike"], [], "budget approved", "Send order form", "2026-12-04"),
        ["B21"] = new("met w sarah at globex demo went well next step proposal by friday",
            "globex", Meeting, ["Sarah"], [], "demo went well", "Proposal", "2026-12-04"),
        ["B22"] = new("call with tom at initech he thinks we are too expensive follow up monday",
            "initech", Call, ["Tom"], ["price"], "too expensive", "Follow up", "2026-11-30"),
        ["B23"] = new("acme call went fine no objections next steps send contract tomorrow",
            "acme", Call, [], [], "went fine", "Send contract", "2026-11-29"),
        ["B24"] = new("globex mtg budget is tight ns revisit in january",
            "globex", Meeting, [], ["no-budget"], "budget is tight", "Revisit", "2027-01-01"),
        ["B25"] = new("spoke w priya umbrella worried about timing fu next week",
            "umbrella", Call, ["Priya"], ["timing"], "worried about timing", "Follow up", "2026-11-30"),
        ["B26"] = new("lunch w the hooli team all positive they asked for references ns send 2 references by wed",
            "hooli", Meeting, [], [], "all positive", "Send 2 references", "2026-12-02"),
        ["B27"] = new("vm left for dana at acme",
            "acme", Call, ["Dana"], [], "vm left", null, null),
        ["B28"] = new("quick call initech they went with a competitor",
            "initech", Call, [], ["competitor"], "went with a competitor", null, null),

        // ---- long notes: line breaks, bullets, sections ----
        ["C01"] = new("""
            Call w/ Acme (Dana, Lee)
            - demo went well
            - pushback on GTX Pro pricing
            - worried about rollout timing
            Next steps:
            - send revised quote by Fri
            - book technical deep dive
            """, "Acme", Call, ["Dana", "Lee"], ["price", "timing"], "demo went well", "Send revised quote", "2026-12-04"),
        ["C02"] = new("""
            Globex meeting notes
            Attendees: Sarah Chen, Raj Patel
            * They're evaluating Looker as well
            * Security review needs to happen before signature
            * Next step: schedule security review w/ their IT team next week
            """, "Globex", Meeting, ["Sarah Chen", "Raj Patel"], ["competitor"], "evaluating Looker", "Schedule security review", "2026-11-30"),
        ["C03"] = new("""
            Initech - discovery call
            1. Current process is manual, 3 FTEs on reporting
            2. Concern: implementation effort
            3. Budget approved for Q1
            Action items:
            1. Send ROI model by 12/4
            2. Intro to our SE
            """, "Initech", Call, [], ["other"], "Current process is manual", "Send ROI model", "2026-12-04"),
        ["C04"] = new("""
            Meeting with Umbrella today (Albert Wesker, Jill Valentine)
            Summary: they liked the Analytics Suite demo. Jill raised concerns about data residency; Albert says price is fine.
            Next step: send data residency whitepaper by Dec 4
            """, "Umbrella", Meeting, ["Albert Wesker", "Jill Valentine"], ["other"], "liked the Analytics Suite demo", "Send data residency whitepaper", "2026-12-04") { Occurred = "2026-11-28" },
        ["C05"] = new("""
            Stark onsite
            • met Pepper + Happy
            • they need board approval for anything over 100k
            • they're also talking to Hammer Industries
            • NS: send tiered pricing options by EOW
            """, "Stark", Meeting, ["Pepper", "Happy"], ["approval", "competitor"], "board approval", "Send tiered pricing options", "2026-12-04"),
        ["C06"] = new("""
            hooli call notes
            - spoke w/ gavin + jared
            - gavin thinks gtx pro is overkill, wants basic
            - jared concerned about onboarding time
            - ns: send basic vs pro comparison tomorrow
            """, "hooli", Call, ["Gavin", "Jared"], ["other"], "overkill", "Send basic vs pro comparison", "2026-11-29"),
        ["C07"] = new("""
            Soylent – call recap
            Who: Sol Roth
            What: renewal discussion. They're unhappy with support response times and are shopping around.
            Next step: exec call with their VP next Tuesday
            """, "Soylent", Call, ["Sol Roth"], ["competitor", "other"], "unhappy with support response times", "Exec call with their VP", "2026-12-01"),
        ["C08"] = new("""
            Cyberdyne
            call w Miles
            pricing ok
            timing is the problem - no bandwidth until Feb
            ns follow up first week of Feb
            """, "Cyberdyne", Call, ["Miles"], ["timing"], "no bandwidth until Feb", "Follow up", "2027-02-01"),
        ["C09"] = new("""
            Logged meeting w/ Wonka:
            - Charlie Bucket (buyer), Grandpa Joe (IT)
            - need SSO before rollout; legal wants our DPA
            - competitor: none
            - next step: SSO demo on the 9th
            """, "Wonka", Meeting, ["Charlie Bucket", "Grandpa Joe"], ["approval"], "need SSO before rollout", "SSO demo", "2026-12-09"),
        ["C10"] = new("""
            Call with Acme today

            Attendees: Dana Johnson, Tom Dubois, Chloe Becker

            Notes:
            - renewal is on track
            - they want SSO included at no extra cost
            - Chloe pushed back on the 7% uplift

            Next steps:
            - send renewal quote with SSO by 12/4
            - confirm uplift with finance
            """, "Acme", Call, ["Dana Johnson", "Tom Dubois", "Chloe Becker"], ["price"], "renewal is on track", "Send renewal quote with SSO", "2026-12-04") { Occurred = "2026-11-28" },
        ["C11"] = new("Wonka call\r\n- Charlie: happy w/ the pilot, wants to expand to 3 more sites\r\n- Concern from finance re: cost per site\r\n- NS - pricing for 3 sites by Friday",
            "Wonka", Call, ["Charlie"], ["price"], "expand to 3 more sites", "Pricing for 3 sites", "2026-12-04") { Now = W },
        ["C12"] = new("""
            Notes – Globex discovery call (Sarah Chen)
            Current stack: spreadsheets + an old BI tool
            Pain: reporting takes 2 days every month
            They'd like to see GTX Pro
            No objections yet
            Next step: GTX Pro demo next Tuesday
            """, "Globex", Call, ["Sarah Chen"], [], "reporting takes 2 days", "GTX Pro demo", "2026-12-01"),
        ["C13"] = new("""
            Vandelay call yesterday
            - Art (CFO) + Kel (IT)
            - they want a 3-yr deal but need board sign off
            - worried about price increase in yr 2
            TODO: send 3-yr pricing w/ fixed uplift by Tue
            """, "Vandelay", Call, ["Art", "Kel"], ["approval", "price"], "3-yr deal", "3-yr pricing", "2026-12-01") { Occurred = "2026-11-27" },
        ["C14"] = new("""
            Met the Tyrell buying committee today.
            Eldon — supportive.
            Rachel — concerned about data privacy.
            Procurement wants to see 2 references.

            Next steps
            1) send references by 12/7
            2) privacy review with Rachel
            """, "Tyrell", Meeting, ["Eldon", "Rachel"], ["approval", "other"], "buying committee", "Send references", "2026-12-07") { Occurred = "2026-11-28" },
        ["C15"] = new("""
            Acme renewal call w/ Tom Dubois

            Good:
            - adoption up 30%
            - happy with support

            Bad:
            - CFO thinks we're too expensive for the seats they use
            - might consolidate onto their incumbent's platform

            NS: usage review + right-sizing proposal by Dec 4
            """, "Acme", Call, ["Tom Dubois"], ["price", "current-vendor"], "adoption up 30%", "Usage review + right-sizing proposal", "2026-12-04"),
        ["C16"] = new("""
            Met with Gilfoyle and Dinesh at Pied Piper.
            They're fine with the price but legal needs 2 weeks to review.
            Next step: check in with legal on 12/16
            """, "Pied Piper", Meeting, ["Gilfoyle", "Dinesh"], ["approval"], "legal needs 2 weeks to review", "Check in with legal", "2026-12-16") { Now = W },
        ["C17"] = new("""
            * Call w/ Oscorp - Norman + Harry
            * renewal at risk, they're evaluating 2 other vendors
            * Harry: 'your price went up 12% and the product didn't'
            * next step: exec sponsor call Tues
            """, "Oscorp", Call, ["Norman", "Harry"], ["competitor", "price"], "renewal at risk", "Exec sponsor call", "2026-12-01"),
        ["C18"] = new("""
            Initech meeting - 3 people from their side: Peter, Samir, Michael B.
            They love the product. Only concern is timing — they're mid-migration until March.
            Follow-up: demo for their ops team the week of Dec 7
            """, "Initech", Meeting, ["Peter", "Samir", "Michael B."], ["timing"], "love the product", "Demo for their ops team", "2026-12-07"),
        ["C19"] = new("""
            Globex exec briefing (Sarah Chen, Raj Patel, + their CFO)
            - CFO asked for a 20% discount to sign this year
            - Raj is checking with legal on our DPA
            - Next steps: revised order form by Wednesday; legal call with Raj next week
            """, "Globex", Meeting, ["Sarah Chen", "Raj Patel"], ["price", "approval"], "20% discount", "Revised order form", "2026-12-02"),
        ["C20"] = new("""
            Umbrella – onsite w/ Jill Valentine & Chris Redfield

            • Jill: security team needs a pen test report
            • Chris: 'we're locked into Oracle until Q3'
            • both liked the roadmap

            f/u: pen test report + Q3 migration plan by 12/11
            """, "Umbrella", Meeting, ["Jill Valentine", "Chris Redfield"], ["current-vendor"], "liked the roadmap", "Pen test report + Q3 migration plan", "2026-12-11"),

        // ---- pasted from e-mail ----
        ["D01"] = new("""
            From: Dana Reyes
            Subject: Acme call recap

            Team – recap of today's call with Acme (Jim, Karen):
            • Jim confirmed budget for Q1
            • Karen raised concerns about data migration effort
            • They're also talking to Databricks
            Action items:
            1. Dana to send migration plan by 12/4
            2. SE to set up sandbox
            """, "Acme", Call, ["Jim", "Karen"], ["other", "competitor"], "Jim confirmed budget for Q1", "send migration plan", "2026-12-04")
        { Occurred = "2026-11-28", Drops = ["From", "Dana", "Reyes", "Subject", "Team"] },
        ["D02"] = new("""
            Hi team,

            Quick recap of my call with Tom Dubois at Initech this morning:
            - They're under contract with their current vendor until March
            - Interested in Analytics Suite for the new BI team
            - Tom will need his VP's approval

            Next step: I'll send a proposal timed for their March renewal by 12/15.

            Thanks,
            Dana
            """, "Initech", Call, ["Tom Dubois"], ["current-vendor", "approval"], "Interested in Analytics Suite", "proposal timed for their March renewal", "2026-12-15")
        { Occurred = "2026-11-28", Drops = ["Hi", "team", "Thanks", "Dana"] },
        ["D03"] = new("""
            Hey all - notes from today's Hooli meeting w/ Gavin Belson & Monica Hall.
            Gavin pushed back hard on the 3-year term. Monica's fine with pricing.
            Next steps: (1) send 1-year option by Thursday (2) set up call with their legal
            Cheers
            """, "Hooli", Meeting, ["Gavin Belson", "Monica Hall"], ["other"], "3-year term", "Send 1-year option", "2026-12-03")
        { Occurred = "2026-11-28", Drops = ["Hey", "all", "Cheers"] },
        ["D04"] = new("""
            FYI - call with Hans Gruber and Holly Gennaro (Nakatomi) yesterday.
            They're reviewing us against two other vendors; decision by 12/18.
            Holly worried about data migration from the incumbent.
            Next step: send migration runbook + reference customer by 12/9.
            """, "Nakatomi", Call, ["Hans Gruber", "Holly Gennaro"], ["competitor", "current-vendor"], "two other vendors", "Send migration runbook + reference customer", "2026-12-09")
        { Now = W, Occurred = "2026-12-01", Drops = ["FYI"] },
        ["D05"] = new("Per my call with Gilfoyle at Pied Piper today, they're comparing us to Splunk and want a POC. I'll set up the POC environment by 12/7. Thanks!",
            "Pied Piper", Call, ["Gilfoyle"], ["competitor"], "comparing us to Splunk", "Set up the POC environment", "2026-12-07")
        { Now = W, Occurred = "2026-12-02", Drops = ["Thanks"] },
        ["D06"] = new("""
            Subject: Wonka – meeting notes

            Attendees: Augustus Gloop, Charlie Bucket

            Discussed: expansion to the UK factory, GTX Pro licences for 40 users.
            Objections: price (list is 20% above their budget), timing (they're mid-audit)
            Next steps: send UK quote Monday; book security review

            --
            Dana Reyes | Account Executive | Northwind Analytics
            """, "Wonka", Meeting, ["Augustus Gloop", "Charlie Bucket"], ["price", "timing"], "expansion to the UK factory", "Send UK quote", "2026-11-30")
        { Drops = ["Subject", "Dana", "Reyes", "Account", "Executive", "Northwind", "Analytics"] },
        ["D07"] = new("""
            Fwd: call notes

            Spoke with Priya at Massive yesterday afternoon. She confirmed the budget but said procurement needs 3 weeks. We agreed I'd send the MSA by Friday so legal can start.

            Dana
            """, "Massive", Call, ["Priya"], ["approval"], "confirmed the budget", "Send the MSA", "2026-12-04")
        { Now = W, Occurred = "2026-12-01", Drops = ["Fwd", "Dana"] },
        ["D08"] = new("""
            > Acme call today w/ Dana Johnson
            > - price is OK, timing is not - they want to go live after the holidays
            > - next step: revisit kickoff date on Dec 14
            """, "Acme", Call, ["Dana Johnson"], ["timing"], "price is OK", "Revisit kickoff date", "2026-12-14") { Occurred = "2026-11-28" },

        // ---- every common way to write the due date, on a Saturday and on a Wednesday ----
        ["E01"] = new("Call with Acme, pricing concerns. Next step: send quote by next Tuesday", "Acme", Call, [], ["price"], "pricing concerns", "Send quote", "2026-12-01"),
        ["E02"] = new("Call with Acme - they asked about pricing. NS: send quote tomorrow", "Acme", Call, [], [], "asked about pricing", "Send quote", "2026-11-29"),
        ["E03"] = new("Met with Globex, all good. Follow up EOW", "Globex", Meeting, [], [], "all good", "Follow up", "2026-12-04"),
        ["E04"] = new("Met with Globex, they want to move fast. Next step: send contract by end of week", "Globex", Meeting, [], [], "move fast", "Send contract", "2026-12-04"),
        ["E05"] = new("Email to Sam at Initech re renewal. Next step: chase signature EOM", "Initech", Email, ["Sam"], [], "renewal", "Chase signature", "2026-11-30"),
        ["E06"] = new("Call with Umbrella, no decision yet. NS: follow-up call in 3 days", "Umbrella", Call, [], [], "no decision yet", "Follow-up call", "2026-12-01"),
        ["E07"] = new("Met with Stark, scope agreed. Next steps: send SOW 12/4", "Stark", Meeting, [], [], "scope agreed", "Send SOW", "2026-12-04"),
        ["E08"] = new("Call with Wayne, kickoff confirmed. Next step: kickoff prep due Dec 4", "Wayne", Call, [], [], "kickoff confirmed", "Kickoff prep", "2026-12-04"),
        ["E09"] = new("Call with Hooli, they need the MSA. Next step: send MSA by 4 Dec", "Hooli", Call, [], [], "need the MSA", "Send MSA", "2026-12-04"),
        ["E10"] = new("Call with Hooli, redlines back from them. Next step: send MSA by 2026-12-04", "Hooli", Call, [], [], "redlines back", "Send MSA", "2026-12-04"),
        ["E11"] = new("Call with Oscorp, good progress. Next step: book exec meeting by the 4th", "Oscorp", Call, [], [], "good progress", "Book exec meeting", "2026-12-04"),
        ["E12"] = new("Call with Oscorp, good progress. Next step: book exec meeting by the 4th", "Oscorp", Call, [], [], "good progress", "Book exec meeting", "2026-12-04") { Now = W },
        ["E13"] = new("Call with Acme, they're worried about timing. Next step: send plan Friday", "Acme", Call, [], ["timing"], "worried about timing", "Send plan", "2026-12-04") { Now = W },
        ["E14"] = new("Call with Acme, left a message. f/u tomorrow", "Acme", Call, [], [], "left a message", "Follow up", "2026-12-03") { Now = W },
        ["E15"] = new("call with acme, they want a lower price. ns: send quote next tuesday", "acme", Call, [], ["price"], "lower price", "Send quote", "2026-12-08") { Now = W },
        ["E16"] = new("Met with Globex, they're happy. Follow up EOW", "Globex", Meeting, [], [], "happy", "Follow up", "2026-12-04") { Now = W },
        ["E17"] = new("Met with Globex, renewal verbally agreed. Next step: renewal paperwork EOM", "Globex", Meeting, [], [], "renewal verbally agreed", "Renewal paperwork", "2026-12-31") { Now = W },
        ["E18"] = new("Met with Globex, they want options. Next step: send proposal in 3 days", "Globex", Meeting, [], [], "want options", "Send proposal", "2026-12-05") { Now = W },
        ["E19"] = new("Call with Initech, pricing approved. Next step: send quote by the 1st", "Initech", Call, [], [], "pricing approved", "Send quote", "2027-01-01") { Now = W },
        ["E20"] = new("Call with Initech, asked for a quote. Next step: send quote Dec 15", "Initech", Call, [], [], "asked for a quote", "Send quote", "2026-12-15") { Now = W },
        ["E21"] = new("Meeting with Tyrell yesterday. They're price sensitive. Next step: send options by Fri", "Tyrell", Meeting, [], ["price"], "price sensitive", "Send options", "2026-12-04") { Occurred = "2026-11-27" },
        ["E22"] = new("Call with Tyrell this morning, went well. Next step: send options end of the week", "Tyrell", Call, [], [], "went well", "Send options", "2026-12-04") { Now = W, Occurred = "2026-12-02" },
        ["E23"] = new("Call with Massive, contract in legal. Next step: send contract end of month", "Massive", Call, [], [], "contract in legal", "Send contract", "2026-11-30"),
        ["E24"] = new("Email to Priya at Massive today re renewal. NS: call her 12/10", "Massive", Email, ["Priya"], [], "renewal", "Call her", "2026-12-10") { Now = W, Occurred = "2026-12-02" },
        ["E25"] = new("Call with Monarch, ROI questions. Next step: ROI review Monday", "Monarch", Call, [], [], "ROI questions", "ROI review", "2026-11-30"),
        ["E26"] = new("Call with Monarch, ROI questions. Next step: ROI review next week", "Monarch", Call, [], [], "ROI questions", "ROI review", "2026-12-07") { Now = W },
        ["E27"] = new("Call w Cyberdyne, no news. next step - send pricing in a week", "Cyberdyne", Call, [], [], "no news", "Send pricing", "2026-12-05"),
        ["E28"] = new("called Aperture - they want to revisit in two weeks. f/u 12/16", "Aperture", Call, [], ["timing"], "revisit in two weeks", "Follow up", "2026-12-16") { Now = W },
        ["E29"] = new("Call with Nakatomi, all fine. NS: send recap by Fri 12/4", "Nakatomi", Call, [], [], "all fine", "Send recap", "2026-12-04"),
        ["E30"] = new("Meeting with Soylent, positive. Next step: intro to their CTO by end of next week", "Soylent", Meeting, [], [], "positive", "Intro to their CTO", "2026-12-11") { Now = W },

        // ---- typos, curly quotes, shouting ----
        ["F01"] = new("caled Dana at Acme – she’s worried about the price. Next step: send revised quote Friday",
            "Acme", Call, ["Dana"], ["price"], "worried about the price", "Send revised quote", "2026-12-04"),
        ["F02"] = new("meting with Globex’s CFO – they don’t have budget this year. NS: send ROI case by 12/4",
            "Globex", Meeting, [], ["no-budget"], "have budget this year", "Send ROI case", "2026-12-04"),
        ["F03"] = new("metting w/ Initech, went ok. they’re comparing us w/ Tableau. f/u Tues",
            "Initech", Meeting, [], ["competitor"], "comparing us", "Follow up", "2026-12-01"),
        ["F04"] = new("emial to Tom @ Initech re: renewal — he says it’s “too pricey”. follow up Monday",
            "Initech", Email, ["Tom"], ["price"], "too pricey", "Follow up", "2026-11-30"),
        ["F05"] = new("calld Priya at Umbrella, she’s checking w/ her boss. f/u thurs",
            "Umbrella", Call, ["Priya"], ["approval"], "her boss", "Follow up", "2026-12-03"),
        ["F06"] = new("Had a cal with Wonka today. Charlie’s concerned about onboarding effort. Next step: send onboarding plan by Dec 4",
            "Wonka", Call, ["Charlie"], ["other"], "onboarding effort", "Send onboarding plan", "2026-12-04") { Occurred = "2026-11-28" },
        ["F07"] = new("meeeting w/ Gavin at Hooli – his team isn’t sure about the ROI. NS: ROI workshop next Tues",
            "Hooli", Meeting, ["Gavin"], ["other"], "sure about the ROI", "ROI workshop", "2026-12-01"),
        ["F08"] = new("phoned Lee @ Oscorp – he’s happy w/ their current vendor tbh. I’ll send a comparison anyway by EOW",
            "Oscorp", Call, ["Lee"], ["current-vendor"], "current vendor", "Send a comparison", "2026-12-04"),
        ["F09"] = new("Spoek with Dinesh at Pied Piper – we’re over budget on their side. NS: smaller phase 1 proposal Monday",
            "Pied Piper", Call, ["Dinesh"], ["price"], "over budget", "Smaller phase 1 proposal", "2026-11-30"),
        ["F10"] = new("Call w/ Acme’s CFO (Dana) – she’s OK w/ price, wants net-45 terms. NS: send updated terms by the 4th",
            "Acme", Call, ["Dana"], [], "net-45 terms", "Send updated terms", "2026-12-04"),
        ["F11"] = new("Disco call w/ Pepper at Stark: their team can’t start before Q2 – it’s their busiest quarter. NS: check back Jan 12",
            "Stark", Call, ["Pepper"], ["timing"], "busiest quarter", "Check back", "2027-01-12"),
        ["F12"] = new("Lunch w/ Holly @ Nakatomi. She’s keen but says they’ve “no budget till April”. NS → send a lighter starter package Mon",
            "Nakatomi", Meeting, ["Holly"], ["no-budget"], "keen", "Send a lighter starter package", "2026-11-30"),
        ["F13"] = new("MEETING W/ ACME - PRICING PUSHBACK. NEXT STEP SEND REVISED QUOTE FRIDAY",
            "ACME", Meeting, [], ["price"], "PRICING PUSHBACK", "SEND REVISED QUOTE", "2026-12-04"),
        ["F14"] = new("Call with Acme’s Dana & Lee — they’re “pretty happy” with GTX Pro, but Lee’s worried about renewal price. Next step → loop in CS for a renewal plan by 12/4",
            "Acme", Call, ["Dana", "Lee"], ["price"], "pretty happy", "Loop in CS for a renewal plan", "2026-12-04"),

        // ---- more of everything ----
        ["G01"] = new("Logged a meeting with Nina Sharp at Massive: they want to pilot first, no budget for a full rollout until Q3. Next step: pilot proposal by Dec 11.",
            "Massive", Meeting, ["Nina Sharp"], ["no-budget"], "pilot first", "Pilot proposal", "2026-12-11"),
        ["G02"] = new("Called Miles Dyson at Cyberdyne — he needs his CFO’s approval before signing. I’ll send an exec summary for the CFO by Thursday.",
            "Cyberdyne", Call, ["Miles Dyson"], ["approval"], "CFO's approval", "Send an exec summary", "2026-12-03"),
        ["G03"] = new("Email with Holly at Nakatomi about the renewal - she's asking for a discount for a 2-year term. follow-up: send 2-year pricing Monday",
            "Nakatomi", Email, ["Holly"], ["price"], "discount for a 2-year term", "Send 2-year pricing", "2026-11-30"),
        ["G04"] = new("Met with Ellis and Holly (Nakatomi) this morning. No objections, they want to sign this month. Next step: send order form today",
            "Nakatomi", Meeting, ["Ellis", "Holly"], [], "want to sign this month", "Send order form", "2026-11-28") { Occurred = "2026-11-28" },
        ["G05"] = new("Note: Tyrell champion Rachel is leaving in January; need a new sponsor. Next step: meet with Eldon before the holidays",
            "Tyrell", Note, [], [], "champion Rachel is leaving", "Meet with Eldon", null),
        ["G06"] = new("Call with Globex procurement. They insist on their paper (MSA) and a 5% discount. f/u with legal Monday",
            "Globex", Call, [], ["price"], "insist on their paper", "Follow up with legal", "2026-11-30"),
        ["G07"] = new("Demo to Umbrella's ops team went well. Jill asked about SSO and audit logs. Next step: security deep dive on Dec 8",
            "Umbrella", Meeting, ["Jill"], [], "asked about SSO", "Security deep dive", "2026-12-08"),
        ["G08"] = new("Spoke with Art at Vandelay: they're evaluating two other vendors and we're the most expensive. Next step: value workshop by 12/9",
            "Vandelay", Call, ["Art"], ["competitor", "price"], "most expensive", "Value workshop", "2026-12-09"),
        ["G09"] = new("Meeting w/ Gringotts (Griphook, Bogrod) - they want everything on-prem, which we don't offer. Next step: check with product on on-prem roadmap by Friday",
            "Gringotts", Meeting, ["Griphook", "Bogrod"], ["other"], "on-prem", "Check with product", "2026-12-04"),
        ["G10"] = new("Called Dunder, spoke to Pam Beesly. They're waiting on sign-off from corporate. NS: follow up in 2 weeks",
            "Dunder", Call, ["Pam Beesly"], ["approval"], "waiting on sign-off", "Follow up", "2026-12-12"),
        ["G11"] = new("Meeting at Hooli HQ with Jared Dunn. Positive, they want GTX Pro for 50 seats. Next step: send the 50-seat quote by Wed",
            "Hooli", Meeting, ["Jared Dunn"], [], "GTX Pro for 50 seats", "Send the 50-seat quote", "2026-12-02"),
        ["G12"] = new("Call w/ Initech — Peter Gibbons and Samir. Peter says they’ll wait until the reorg is done. Ping them Jan 10",
            "Initech", Call, ["Peter Gibbons", "Samir"], ["timing"], "wait until the reorg", "Ping them", "2027-01-10"),
        ["G13"] = new("Initech lunch w/ Bill Lumbergh. He's skeptical about ROI. NS: send ROI calculator",
            "Initech", Meeting, ["Bill Lumbergh"], ["other"], "skeptical about ROI", "Send ROI calculator", null),
        ["G14"] = new("Video call with Stark today: Pepper wants pricing for 200 seats, worried about the annual increase. Next step: send pricing by Tuesday",
            "Stark", Call, ["Pepper"], ["price"], "200 seats", "Send pricing", "2026-12-01") { Occurred = "2026-11-28" },
        ["G15"] = new("Onsite at Wayne w/ Lucius Fox: Lucius is concerned about the security review timeline and says the CISO must approve. Next step: send security pack + SOC2 by 12/3",
            "Wayne", Meeting, ["Lucius Fox"], ["approval", "other"], "security review timeline", "Send security pack + SOC2", "2026-12-03"),
        ["G16"] = new("Call with Aperture. Chell doesn't like the reporting UI. NS: UX session 12/8",
            "Aperture", Call, ["Chell"], ["other"], "reporting UI", "UX session", "2026-12-08"),
        ["G17"] = new("Logged a note for Acme: renewal kickoff scheduled with their new admin",
            "Acme", Note, [], [], "renewal kickoff scheduled", null, null),
        ["G18"] = new("Call with Soylent: all good, nothing new",
            "Soylent", Call, [], [], "all good", null, null),
        ["G19"] = new("emailed Sol at Soylent the updated proposal",
            "Soylent", Email, ["Sol"], [], "updated proposal", null, null),
        ["G20"] = new("met with Massive, they signed the order form!",
            "Massive", Meeting, [], [], "signed the order form", null, null),
        ["G21"] = new("Call with Oscorp – Norman Osborn said no. Lost to a competitor on price.",
            "Oscorp", Call, ["Norman Osborn"], ["competitor", "price"], "Lost to a competitor", null, null),
        ["G22"] = new("Met with Sarah at Globex this morning — good call, they want to move ahead but need to get sign-off from procurement. NS: send paperwork tomorrow",
            "Globex", Meeting, ["Sarah"], ["approval"], "move ahead", "Send paperwork", "2026-12-03") { Now = W, Occurred = "2026-12-02" },
        ["G23"] = new("Call with Raj (Massive) yesterday: no budget left this year, will revisit in Q1. f/u Jan 6",
            "Massive", Call, ["Raj"], ["no-budget", "timing"], "no budget left this year", "Follow up", "2027-01-06") { Now = W, Occurred = "2026-12-01" },
        ["G24"] = new("Logged call w/ Wonka (Charlie + Veruca). Veruca wants it now, Charlie needs his VP's sign-off. Next step: budget memo for Charlie by Fri",
            "Wonka", Call, ["Charlie", "Veruca"], ["approval"], "wants it now", "Budget memo for Charlie", "2026-12-04") { Now = W },
        ["G25"] = new("Demo w/ Soylent today went well; concerns: integration with SAP, contract length. Next step: SAP integration call Monday",
            "Soylent", Meeting, [], ["other"], "went well", "SAP integration call", "2026-12-07") { Now = W, Occurred = "2026-12-02" },
        ["G26"] = new("Email from Lee at Oscorp: they're going with the incumbent. Closing out — no next step.",
            "Oscorp", Email, ["Lee"], ["current-vendor"], "going with the incumbent", null, null) { Now = W },
        ["G27"] = new("call w/ acme: they're worried about price & timing. next steps: revised quote + timeline by 12/11",
            "acme", Call, [], ["price", "timing"], "worried about price", "Revised quote + timeline", "2026-12-11") { Now = W },
        ["G28"] = new("Called Tom, Initech. Left vm. Try again Friday.",
            "Initech", Call, ["Tom"], [], "Left vm", "Try again", "2026-12-04") { Now = W },
        ["G29"] = new("Acme QBR w/ Dana Johnson + Tom Dubois. Usage is up 40%, they want to add 50 seats. No objections. NS: send expansion quote EOW",
            "Acme", Meeting, ["Dana Johnson", "Tom Dubois"], [], "Usage is up 40%", "Send expansion quote", "2026-12-04") { Now = W },
        ["G30"] = new("Hooli call today — Gavin says Q1 is too soon, they're in the middle of a reorg. Follow up 1/15",
            "Hooli", Call, ["Gavin"], ["timing"], "too soon", "Follow up", "2027-01-15") { Now = W, Occurred = "2026-12-02" },
    };
}
