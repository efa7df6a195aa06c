"""A minimal Django project serving django-helpdesk for the side-by-side (bench/peers/)."""
