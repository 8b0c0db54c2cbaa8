"""The API's endpoints: thin views that read through sendcase.access and write through the services."""
