"""The app's frame: page chrome, sidebar, sign-in, session and URL state, offline assets."""
