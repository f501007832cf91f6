// The coordinators' place picker (area identity form): a click on the drawing of the
// other areas fills in the coordinate fields, and the marker follows what is typed.
// Loaded only by the pages that show the picker, so visitors never download it. The
// server writes the drawing's frame (the same `PickerFrame` it drew with) as data-*.

function format(value) {
  return value.toFixed(5).replace(".", ",");
}

function parse(text) {
  const value = Number(String(text).trim().replace(",", "."));
  return text.trim() !== "" && Number.isFinite(value) ? value : null;
}

function setUp(picker) {
  if (picker.dataset.ready) return;
  picker.dataset.ready = "";
  const svg = picker.querySelector("svg");
  const f = Object.fromEntries(
    ["north", "south", "west", "east", "width", "height"].map((k) => [k, Number(svg.dataset[k])]),
  );
  const latitude = document.getElementById(picker.dataset.latitude);
  const longitude = document.getElementById(picker.dataset.longitude);
  if (!latitude || !longitude) return;
  let marker = svg.querySelector(".picker__marker");

  const place = () => {
    const lat = parse(latitude.value);
    const lon = parse(longitude.value);
    if (lat === null || lon === null) {
      marker?.remove();
      marker = null;
      return;
    }
    if (!marker) {
      marker = document.createElementNS("http://www.w3.org/2000/svg", "circle");
      marker.setAttribute("class", "picker__marker");
      marker.setAttribute("r", "8");
      svg.append(marker);
    }
    marker.setAttribute("cx", (((lon - f.west) / (f.east - f.west)) * f.width).toFixed(1));
    marker.setAttribute("cy", (((f.north - lat) / (f.north - f.south)) * f.height).toFixed(1));
  };

  svg.addEventListener("click", (ev) => {
    // From the drawing as shown to its own units (viewBox), then to degrees.
    const box = svg.getBoundingClientRect();
    const view = svg.viewBox.baseVal;
    const x = ((ev.clientX - box.left) / Math.max(box.width, 1)) * view.width;
    const y = ((ev.clientY - box.top) / Math.max(box.height, 1)) * view.height;
    latitude.value = format(f.north - (y / f.height) * (f.north - f.south));
    longitude.value = format(f.west + (x / f.width) * (f.east - f.west));
    place();
  });
  latitude.addEventListener("input", place);
  longitude.addEventListener("input", place);
  picker.hidden = false;
}

function setUpAll() {
  document.querySelectorAll(".picker[data-latitude]").forEach(setUp);
}

setUpAll();
document.addEventListener("kernpunt:page", setUpAll);
