// The web app's own script: a roster dropped on the upload area is sent at once, the chosen
// file's name is shown in Polish, and a progress page whose event stream fails switches to
// polling. Everything else is htmx attributes or plain forms (the pages work without this).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  for (const zone of document.querySelectorAll("[data-upuszczanie]")) {
    const input = zone.querySelector("input[type=file]");
    const form = zone.closest("form");
    if (!input || !form) continue;
    zone.addEventListener("dragover", (event) => {
      event.preventDefault();
      zone.classList.add("nad");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("nad"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("nad");
      if (!event.dataTransfer || event.dataTransfer.files.length === 0) return;
      input.files = event.dataTransfer.files;
      input.dispatchEvent(new Event("change"));
      form.requestSubmit();
    });
  }
  for (const input of document.querySelectorAll(".wybor-pliku input[type=file]")) {
    const name = input.parentElement.querySelector("[data-nazwa-pliku]");
    input.addEventListener("change", () => {
      if (name) name.textContent = input.files.length ? input.files[0].name : "Nie wybrano pliku.";
    });
  }
});

// htmx-ext-sse retries a failing stream by itself; after a few failures (a proxy that buffers
// events, too many open tabs) the page asks for its polling version instead.
let streamErrors = 0;
document.addEventListener("htmx:sseError", (event) => {
  const source = event.target && event.target.closest ? event.target.closest("[data-odpytywanie]") : null;
  streamErrors += 1;
  if (source && streamErrors >= 3) {
    window.location.replace(source.getAttribute("data-odpytywanie"));
  }
});
