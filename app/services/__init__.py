"""Services: the domain operations. They take the session as a keyword argument, raise
`app.errors` exceptions, and never touch HTTP."""
