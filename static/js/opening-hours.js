/* Live "open now" for facilities (units app).

   Pages come from a shared cache, so the server only writes what stays true
   (the hours on the day it rendered). Here the browser works out, in
   Europe/Warsaw time, whether each unit is open now, when it opens next, and
   which table row is today. The rules match units/hours.py: weekday 0 is
   Monday; a range that closes at or before it opens runs past midnight; a
   dated exception replaces that day's weekly hours. Phrases come translated
   from the page (#opening-hours-texts). Also loadable in Node for tests. */
(function (global, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else if (global.document) {
    var start = function () { api.init(global.document); };
    if (global.document.readyState === "loading") global.document.addEventListener("DOMContentLoaded", start);
    else start();
  }
})(typeof window !== "undefined" ? window : this, function () {
  "use strict";
  var DAY_MS = 86400000;
  var LOOKAHEAD_DAYS = 400;

  function minutes(hm) {
    var parts = hm.split(":");
    return parseInt(parts[0], 10) * 60 + parseInt(parts[1], 10);
  }

  function clock(total) {
    var m = ((total % 1440) + 1440) % 1440;
    return Math.floor(m / 60) + ":" + (m % 60 < 10 ? "0" : "") + (m % 60);
  }

  function isoDay(dayMs) { return new Date(dayMs).toISOString().slice(0, 10); }
  function weekday(dayMs) { return (new Date(dayMs).getUTCDay() + 6) % 7; }

  /* Openings that start on a calendar day (dayMs: that day's UTC midnight), in minutes. */
  function rangesOn(data, dayMs) {
    var key = isoDay(dayMs);
    var rows = null;
    (data.exceptions || []).some(function (e) {
      if (e.from <= key && key <= e.to) { rows = e.hours; return true; }
      return false;
    });
    if (rows === null) rows = (data.week || [])[weekday(dayMs)] || [];
    return rows.map(function (r) {
      var s = minutes(r[0]), e = minutes(r[1]);
      if (e <= s) e += 1440;
      return [s, e];
    }).sort(function (a, b) { return a[0] - b[0]; });
  }

  /* The wall-clock day and minute in Warsaw for a Date. */
  function warsawNow(date) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Warsaw", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(date).forEach(function (p) { parts[p.type] = p.value; });
    var hour = parseInt(parts.hour, 10) % 24;
    return {
      dayMs: Date.UTC(parseInt(parts.year, 10), parseInt(parts.month, 10) - 1, parseInt(parts.day, 10)),
      minute: hour * 60 + parseInt(parts.minute, 10)
    };
  }

  function hasHours(data) {
    return (data.week || []).some(function (d) { return d.length; }) ||
      (data.exceptions || []).some(function (e) { return e.hours.length; });
  }

  /* {open, closes} while open, {open: false, next: {offset, dayMs, start}} otherwise. */
  function compute(data, now) {
    for (var back = -1; back <= 0; back++) {
      var ranges = rangesOn(data, now.dayMs + back * DAY_MS);
      for (var i = 0; i < ranges.length; i++) {
        var s = ranges[i][0] + back * 1440, e = ranges[i][1] + back * 1440;
        if (s <= now.minute && now.minute < e) return { open: true, closes: ranges[i][1] };
      }
    }
    if (!hasHours(data)) return { open: false, next: null };
    for (var offset = 0; offset < LOOKAHEAD_DAYS; offset++) {
      var dayMs = now.dayMs + offset * DAY_MS;
      var day = rangesOn(data, dayMs);
      for (var j = 0; j < day.length; j++) {
        if (day[j][0] + offset * 1440 > now.minute) {
          return { open: false, next: { offset: offset, dayMs: dayMs, start: day[j][0] } };
        }
      }
    }
    return { open: false, next: null };
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }

  function whenPhrase(next, texts, lang) {
    if (next.offset === 0) return texts.today;
    if (next.offset === 1) return texts.tomorrow;
    if (next.offset < 7) return texts.onWeekday[weekday(next.dayMs)];
    var date = new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", timeZone: "UTC" })
      .format(new Date(next.dayMs));
    return fill(texts.onDate, { date: date });
  }

  /* What to show for one unit: {open, status, today}; null when it has no hours. */
  function describe(data, now, texts, lang) {
    if (!hasHours(data)) return null;
    var result = compute(data, now);
    var status;
    if (result.open) status = fill(texts.open, { time: clock(result.closes) });
    else if (result.next) {
      status = fill(texts.closed, { when: whenPhrase(result.next, texts, lang), time: clock(result.next.start) });
    } else status = texts.closedNoNext;
    var today = rangesOn(data, now.dayMs).map(function (r) { return clock(r[0]) + "–" + clock(r[1]); });
    return {
      open: result.open,
      status: status,
      today: fill(texts.todayHours, { hours: today.length ? today.join(", ") : texts.closedWord })
    };
  }

  function update(doc, texts, now) {
    var lang = doc.documentElement.getAttribute("lang") || "pl";
    doc.querySelectorAll("[data-opening-hours]").forEach(function (el) {
      var data;
      try { data = JSON.parse(el.getAttribute("data-opening-hours")); } catch (e) { return; }
      var shown = describe(data, now, texts, lang);
      if (!shown) return;
      var nowEl = el.querySelector("[data-status-now]");
      var dayEl = el.querySelector("[data-status-day]");
      if (nowEl) nowEl.textContent = shown.status;
      if (dayEl) dayEl.textContent = shown.today;
      el.classList.toggle("is-open", shown.open);
      el.classList.toggle("is-closed", !shown.open);
    });
    var todayIndex = String(weekday(now.dayMs));
    doc.querySelectorAll("[data-hours-table]").forEach(function (table) {
      table.querySelectorAll("[data-today-marker]").forEach(function (m) { m.parentNode.removeChild(m); });
      table.querySelectorAll("tr[data-weekday]").forEach(function (row) {
        if (row.getAttribute("data-weekday") !== todayIndex) { row.removeAttribute("aria-current"); return; }
        row.setAttribute("aria-current", "date");
        var marker = doc.createElement("strong");
        marker.className = "hours-table__today";
        marker.setAttribute("data-today-marker", "");
        marker.textContent = " (" + texts.todayMarker + ")";
        (row.querySelector("th") || row.firstElementChild).appendChild(marker);
      });
    });
  }

  function init(doc) {
    var source = doc.getElementById("opening-hours-texts");
    if (!source || !window.Intl) return;
    var texts;
    try { texts = JSON.parse(source.textContent); } catch (e) { return; }
    var run = function () {
      try { update(doc, texts, warsawNow(new Date())); } catch (e) { /* keep the server's text */ }
    };
    run();
    // A page left open keeps telling the truth.
    window.setInterval(run, 60000);
  }

  return { compute: compute, describe: describe, rangesOn: rangesOn, warsawNow: warsawNow, init: init };
});
