// Where the identity server sends the browser back with its code: the exchange, then back to the page that asked.
PlatformSignIn.complete().catch(error => {
  const status = document.getElementById("status");
  status.textContent = `The sign-in failed: ${error.message}`;
  status.className = "error";
});
