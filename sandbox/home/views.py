from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


@csrf_exempt
@require_POST
def demo_stats_collect(request):
    """The demo tracker's collection stub: accepts the page view and keeps nothing."""
    return HttpResponse(status=204)
