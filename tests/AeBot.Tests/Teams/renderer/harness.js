// Loaded into Chromium after node_modules/adaptivecards/dist/adaptivecards.min.js and markdown-it: draws a card the
// way Teams does and answers AdaptiveCardBrowserTests' questions about it (which actions exist, how each is reached,
// what is clipped). Only the official renderer draws; nothing here changes the layout it makes.
"use strict";

// A Teams-like host config: the values of the Adaptive Cards designer's "Microsoft Teams (light)" host
// (adaptivecards-designer, lib/hostConfigs/microsoft-teams-light.json) — Segoe UI font stack, 14 px text, Teams'
// spacing and purple accent; buttons in one horizontal row, at most 6 a set, ShowCards inline.
window.teamsHostConfig = {
    supportsInteractivity: true,
    spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: "#EEEEEE" },
    imageSizes: { small: 32, medium: 52, large: 100 },
    fontTypes: {
        default: {
            fontFamily: "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', sans-serif",
            fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
            fontWeights: { lighter: 200, default: 400, bolder: 600 },
        },
        monospace: {
            fontFamily: "'Courier New', Courier, monospace",
            fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
            fontWeights: { lighter: 200, default: 400, bolder: 600 },
        },
    },
    containerStyles: {
        default: {
            backgroundColor: "#ffffff",
            foregroundColors: {
                default: { default: "#ff252424", subtle: "#bf252424" },
                accent: { default: "#6264a7", subtle: "#8b8cc7" },
                good: { default: "#92c353", subtle: "#e592c353" },
                warning: { default: "#f8d22a", subtle: "#e5f8d22a" },
                attention: { default: "#c4314b", subtle: "#e5c4314b" },
            },
        },
        emphasis: {
            backgroundColor: "#fff9f8f7",
            foregroundColors: {
                default: { default: "#ff252424", subtle: "#bf252424" },
                accent: { default: "#6264a7", subtle: "#8b8cc7" },
                good: { default: "#92c353", subtle: "#e592c353" },
                warning: { default: "#f8d22a", subtle: "#e5f8d22a" },
                attention: { default: "#c4314b", subtle: "#e5c4314b" },
            },
        },
    },
    actions: {
        maxActions: 6,
        spacing: "Default",
        buttonSpacing: 8,
        showCard: { actionMode: "Inline", inlineTopMargin: 16, style: "emphasis" },
        preExpandSingleShowCardAction: false,
        actionsOrientation: "Horizontal",
        actionAlignment: "Left",
    },
    adaptiveCard: { allowCustomStyle: false },
    imageSet: { imageSize: "Medium", maxImageHeight: 100 },
    factSet: {
        title: { size: "Default", color: "Default", isSubtle: false, weight: "Bolder", wrap: true },
        value: { size: "Default", color: "Default", isSubtle: false, weight: "Default", wrap: true },
        spacing: 16,
    },
};

// Teams renders the markdown subset of TextBlocks; the JS renderer leaves that to the host.
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = window.markdownit().render(text);
    result.didProcess = true;
};

window.executed = [];
let card = null;
let actions = [];

/** Renders the card into #card; returns the renderer's parse and validation complaints (none expected). */
window.renderCard = (json) => {
    const host = document.getElementById("card");
    host.innerHTML = "";
    window.executed = [];
    card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = new AdaptiveCards.HostConfig(window.teamsHostConfig);
    // What would reach the bot (a ToggleVisibility raises this event too, but stays in the card).
    card.onExecuteAction = (a) => {
        if (a instanceof AdaptiveCards.ExecuteAction || a instanceof AdaptiveCards.SubmitAction)
            window.executed.push({ type: a.getJsonTypeName(), verb: a.verb ?? null, data: a.data ?? null });
    };
    const context = new AdaptiveCards.SerializationContext();
    card.parse(json, context);
    const problems = [];
    for (let i = 0; i < context.eventCount; i++) {
        const e = context.getEventAt(i);
        problems.push(`parse: ${e.message}`);
    }
    const validation = card.validateProperties();
    for (const e of validation.validationEvents)
        problems.push(`validate: ${e.message}`);
    host.appendChild(card.render());
    // getAllActions lists an ActionSet's actions twice (CardElement's and ActionSet's own override both add them).
    actions = [...new Set(card.getAllActions())];
    actions.forEach((a, i) => {
        const element = clickable(a);
        if (element)
            element.setAttribute("data-probe", String(i));
    });
    return problems;
};

/** The element a person clicks for an action: its button, or the container whose selectAction it is. */
function clickable(action) {
    if (action.renderedElement)
        return action.renderedElement;
    const owner = action.parent;
    if (owner && owner.selectAction === action)
        return owner.renderedElement;
    return null;
}

/** Every action of the card, as the renderer parsed it (Execute/Submit are the ones that reach the bot). */
window.inventory = () => actions.map((a, i) => ({
    index: i,
    type: a.getJsonTypeName(),
    title: a.title ?? "",
    verb: a.verb ?? null,
    payload: a.data && typeof a.data === "object" ? (a.data.payload ?? null) : null,
    rendered: clickable(a) !== null,
}));

/**
 * What must be clicked, in order, before action i can be seen: the toggles that show a hidden element around it (and
 * whatever reveals those toggles in turn), or the ShowCard whose card holds it. Null when nothing on the card reveals it.
 */
window.revealSteps = (i) => {
    const steps = [];
    const seen = new Set();
    const reveal = (action) => {
        if (seen.has(action))
            return true;
        seen.add(action);
        for (let e = action.parent; e; e = e.parent) {
            if (e instanceof AdaptiveCards.ShowCardAction) {
                if (!reveal(e))
                    return false;
                if (clickable(e).getAttribute("aria-expanded") !== "true")
                    steps.push(actions.indexOf(e));
                continue;
            }
            if (e.isVisible === false) {
                const toggle = actions.find((t) => t instanceof AdaptiveCards.ToggleVisibilityAction && e.id && e.id in t.targetElements && t.targetElements[e.id] !== false);
                if (!toggle || !reveal(toggle))
                    return false;
                steps.push(actions.indexOf(toggle));
            }
        }
        return true;
    };
    return reveal(actions[i]) ? steps : null;
};

/** Where action i's element sits against the card and the window, and whether its title is cut off. */
window.placement = (i) => {
    const element = clickable(actions[i]);
    const box = element.getBoundingClientRect();
    const cardBox = document.getElementById("card").getBoundingClientRect();
    const title = element.classList.contains("ac-pushButton") ? element.firstElementChild ?? element : null;
    return {
        width: box.width,
        height: box.height,
        insideCard: box.left >= cardBox.left - 0.5 && box.right <= cardBox.right + 0.5,
        insideWindow: box.left >= -0.5 && box.right <= window.innerWidth + 0.5,
        titleCut: title !== null && (title.scrollWidth > title.clientWidth + 1 || element.scrollWidth > element.clientWidth + 1),
        text: (title ?? element).innerText,
    };
};

/** Text that does not fit its box (cut, ellipsised, or sticking out of the card), among what is shown now. */
window.clippedText = () => {
    const cardBox = document.getElementById("card").getBoundingClientRect();
    const found = [];
    const shown = (el) => el.offsetParent !== null || getComputedStyle(el).position === "fixed";
    for (const el of document.querySelectorAll("#card .ac-textBlock, #card .ac-textRun, #card .ac-richTextBlock, #card .ac-pushButton, #card .ac-pushButton > div, #card .ac-factset td")) {
        if (!shown(el))
            continue;
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        const text = el.innerText.trim().slice(0, 80);
        if (el.scrollWidth > el.clientWidth + 1)
            found.push(`"${text}" is ${el.scrollWidth}px wide in a ${el.clientWidth}px box`);
        else if (style.textOverflow === "ellipsis" && el.scrollHeight > el.clientHeight + 1 && style.webkitLineClamp !== "none")
            found.push(`"${text}" is cut to ${style.webkitLineClamp} lines`);
        else if (box.width > 0 && (box.left < cardBox.left - 0.5 || box.right > cardBox.right + 0.5))
            found.push(`"${text}" sticks out of the card (${Math.round(box.left)}–${Math.round(box.right)} of ${Math.round(cardBox.left)}–${Math.round(cardBox.right)})`);
    }
    const root = document.querySelector("#card .ac-adaptiveCard");
    if (root && root.scrollWidth > root.clientWidth + 1)
        found.push(`the card is ${root.scrollWidth}px wide in ${root.clientWidth}px`);
    return found;
};

/** Every toggle and ShowCard that still hides something, so a screenshot can show the card fully open. */
window.closedRevealers = () => actions
    .map((a, i) => ({ a, i }))
    .filter(({ a }) => (a instanceof AdaptiveCards.ToggleVisibilityAction && Object.keys(a.targetElements).some((id) => {
        const e = card.getElementById(id);
        return e && !e.isVisible && a.targetElements[id] !== false;
    })) || (a instanceof AdaptiveCards.ShowCardAction && clickable(a)?.getAttribute("aria-expanded") !== "true"))
    .filter(({ a }) => clickable(a) && clickable(a).offsetParent !== null)
    .map(({ i }) => i);
