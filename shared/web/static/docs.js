// Starts the vendored Swagger UI on /docs with this service's OpenAPI document (a file, not an
// inline script, so that the Content-Security-Policy can refuse inline scripts here too).
window.addEventListener("load", function () {
  var node = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: node.getAttribute("data-openapi-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
});
