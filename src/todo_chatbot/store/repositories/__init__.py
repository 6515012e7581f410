"""Every query the app makes lives in these modules, one per aggregate."""
