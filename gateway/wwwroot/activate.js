// The activation page: the user id and the one-time code come from the welcome mail's link (?user=…&code=…); the
// password is chosen here and posted to POST /api/users/{id}/activate, whose problem+json answers are shown as they are.
// Once active, "Sign in" runs the authorization code flow (signin.js) and comes back to /activate, the spent code
// dropped from the address, where the page shows the account as its owner sees it: the full profile, email included.
const query = new URLSearchParams(location.search);
const user = query.get("user");
const code = query.get("code");
const form = document.getElementById("activate");
const status = document.getElementById("status");
const signInButton = document.getElementById("signin");

function show(text, kind) {
  status.textContent = text;
  status.className = kind;
}

async function showAccount(token) {
  form.hidden = true;
  document.getElementById("intro").hidden = true;
  const response = await fetch(`/api/users/${PlatformSignIn.subject(token)}`, { headers: { Authorization: `Bearer ${token}` } });
  const profile = await response.json().catch(() => ({}));
  if (!response.ok) return show(profile.detail || `Your account could not be read (${response.status}).`, "error");
  document.getElementById("account-name").textContent = profile.name;
  document.getElementById("account-email").textContent = profile.email;
  document.getElementById("account").hidden = false;
  show("You are signed in.", "done");
}

const signedIn = PlatformSignIn.heldToken();
if (signedIn && !code) {
  showAccount(signedIn).catch(error => show(`The gateway could not be reached: ${error.message}`, "error"));
} else if (!user || !code) {
  form.hidden = true;
  show("This page opens from the link in your welcome mail: the link carries your account and its code.", "error");
}

signInButton.addEventListener("click", () => {
  history.replaceState(null, "", "/activate"); // the code is spent: the way back need not carry it
  PlatformSignIn.accessToken();
});

form.addEventListener("submit", async event => {
  event.preventDefault();
  const password = form.password.value;
  if (password.length < 10) return show("A password has at least 10 characters.", "error");
  if (password !== form.repeat.value) return show("The two passwords differ.", "error");
  form.querySelector("button").disabled = true;
  try {
    const response = await fetch(`/api/users/${encodeURIComponent(user)}/activate`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code, password }),
    });
    if (response.ok) {
      form.hidden = true;
      signInButton.hidden = false;
      return show("Your account is active: sign in with your email and this password.", "done");
    }
    const problem = await response.json().catch(() => ({}));
    show(problem.detail || problem.title || `The activation failed (${response.status}).`, "error");
  } catch (error) {
    show(`The gateway could not be reached: ${error.message}`, "error");
  }
  form.querySelector("button").disabled = false;
});
