// Loaded into a page the Thai rendering tests look at (the web chat, or a card the Adaptive Cards renderer drew):
// finds the Thai text on it and answers whether each Thai character cluster is drawn whole — inside the box that
// clips it, with glyphs that have width. Only reads the page; the tests ask Chromium (DevTools' CSS domain) which
// font each element's Thai is actually drawn with.
"use strict";
window.thaiProbe = (() => {
    const thai = /[\u0E00-\u0E7F]/;
    const graphemes = new Intl.Segmenter("th", { granularity: "grapheme" });
    const canvas = document.createElement("canvas").getContext("2d");

    const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";

    /** Text nodes with Thai in them under the root, on elements that are drawn. */
    function thaiTextNodes(root) {
        const found = [];
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode())
            if (thai.test(node.data) && node.parentElement && shown(node.parentElement))
                found.push(node);
        return found;
    }

    /** The element's font for the canvas (the computed `font` shorthand is empty when, e.g., tabular digits are on). */
    const fontOf = (style) => `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;

    /** The boxes that cut off what is drawn outside them: the element and each ancestor whose overflow is not visible. */
    function clippers(el) {
        const boxes = [];
        for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
            const s = getComputedStyle(e);
            if (s.overflowX === "visible" && s.overflowY === "visible")
                continue;
            const r = e.getBoundingClientRect();
            // The padding box: what overflow clips to.
            boxes.push({ el: e, top: r.top + parseFloat(s.borderTopWidth), bottom: r.bottom - parseFloat(s.borderBottomWidth) });
        }
        return boxes;
    }

    const describe = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");

    /** Every Thai cluster under the root, where it is drawn: [{ node, cluster, rect }]. */
    function clusters(root) {
        const found = [];
        for (const node of thaiTextNodes(root)) {
            let offset = 0;
            for (const { segment } of graphemes.segment(node.data)) {
                const start = offset;
                offset += segment.length;
                if (!thai.test(segment))
                    continue;
                const range = document.createRange();
                range.setStart(node, start);
                range.setEnd(node, offset);
                const rect = [...range.getClientRects()].find((r) => r.width > 0 || r.height > 0);
                if (rect)
                    found.push({ node, cluster: segment, rect });
            }
        }
        return found;
    }

    return {
        /**
         * Tags each drawn element whose own text has Thai with data-thai="n" (so DevTools can be asked which fonts drew
         * it) and returns [{ index, text, tag }].
         */
        mark(selector) {
            const root = document.querySelector(selector);
            const elements = [...new Set(thaiTextNodes(root).map((n) => n.parentElement))];
            return elements.map((el, i) => {
                el.setAttribute("data-thai", String(i));
                return { index: i, text: [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.data).join(""), tag: describe(el) };
            });
        },

        /**
         * Thai cut off, three ways. (1) Lines: each Thai cluster's text box — its line — inside every box that clips
         * it (a fixed height or a line clamp hides a line). (2) Ink: each cluster's glyphs, measured in the element's
         * own font so a tone mark stacked over an upper vowel (ที่) or a vowel below (ผู้) counts, inside every box
         * that clips it — a line can fit while its marks do not; the baseline is the top of the cluster's text box
         * plus the primary font's ascent, as Chromium lays text out. (3) The element holding the text, when it clips:
         * its content no taller than its box (scrollHeight against clientHeight). A box around the element may hold
         * less than the line's full height — the leading of a Thai font's tall line — as long as no text or ink is
         * outside it: what is cut is what (1) and (2) find.
         */
        cut(selector) {
            const root = document.querySelector(selector);
            const problems = [];
            const seen = new Set();
            const report = (key, message) => {
                if (!seen.has(key)) {
                    seen.add(key);
                    problems.push(message);
                }
            };
            for (const { node, cluster, rect } of clusters(root)) {
                const el = node.parentElement;
                const style = getComputedStyle(el);
                canvas.font = fontOf(style);
                const m = canvas.measureText(cluster);
                const baseline = rect.top + m.fontBoundingBoxAscent;
                const inkTop = baseline - m.actualBoundingBoxAscent;
                const inkBottom = baseline + m.actualBoundingBoxDescent;
                const where = `"${cluster}" in "${node.data.trim().slice(0, 60)}"`;
                for (const box of clippers(el)) {
                    const key = `${describe(box.el)}|${cluster}|${Math.round(rect.top)}`;
                    if (rect.top < box.top - 0.5 || rect.bottom > box.bottom + 0.5)
                        report(key, `${where}: its line (${rect.top.toFixed(1)}–${rect.bottom.toFixed(1)}) is outside ${describe(box.el)} (${box.top.toFixed(1)}–${box.bottom.toFixed(1)})`);
                    const over = box.top - inkTop, under = inkBottom - box.bottom;
                    if (over > 0.5 || under > 0.5)
                        report(key, `${where} is cut ${over > 0.5 ? `${over.toFixed(1)}px at the top` : `${under.toFixed(1)}px at the bottom`} by ${describe(box.el)} (line-height ${style.lineHeight}, font ${style.fontSize})`);
                }
            }
            for (const el of new Set(thaiTextNodes(root).map((n) => n.parentElement))) {
                const s = getComputedStyle(el);
                if (s.overflowY !== "visible" && el.scrollHeight > el.clientHeight + 1)
                    problems.push(`"${el.innerText.trim().slice(0, 60)}": ${describe(el)} is ${el.scrollHeight}px of content in a ${el.clientHeight}px box`);
            }
            return problems;
        },

        /** Thai letters (not the marks, which are drawn over them) that take no room: what a font without them shows. */
        zeroWidth(selector) {
            const problems = [];
            for (const { node, cluster, rect } of clusters(document.querySelector(selector))) {
                canvas.font = fontOf(getComputedStyle(node.parentElement));
                if (rect.width < 1 || canvas.measureText(cluster).width < 1)
                    problems.push(`"${cluster}" in "${node.data.trim().slice(0, 60)}" is ${rect.width.toFixed(1)}px wide`);
            }
            return problems;
        },

        /** How many Thai clusters the root shows (a test that finds none proves nothing). */
        count: (selector) => clusters(document.querySelector(selector)).length,
    };
})();
