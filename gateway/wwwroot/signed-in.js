// Where the identity server sends the browser back with its code: the exchange, then back to the page that asked.
// The API reference (/docs) signs in from a window of its own, which it watches for the code and closes itself.
const status = document.getElementById("status");
if (window.opener && !PlatformSignIn.startedHere()) {
  status.textContent = "Signed in: the API reference takes it from here.";
} else {
  PlatformSignIn.complete().catch(error => {
    status.textContent = `The sign-in failed: ${error.message}`;
    status.className = "error";
  });
}
