"""The sandbox's URLs plus a plain view answering 204: the peer of the consent beacon."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from sandbox.urls import urlpatterns as sandbox_urlpatterns


@csrf_exempt
def plain_204(request):
    return HttpResponse(status=204)


urlpatterns = [path("bench-204/", plain_204), *sandbox_urlpatterns]
