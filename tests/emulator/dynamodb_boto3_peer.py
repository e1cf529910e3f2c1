#!/usr/bin/python3
"""A boto3 resource client (Debian's python3-boto3) against the emulator's DynamoDB.

Usage: dynamodb_boto3_peer.py ENDPOINT TABLE
Prints one JSON object with what each step saw; the C++ test checks it. Exit 0 unless boto3
itself could not run.
"""
import json
import sys
from decimal import Decimal

import boto3
from boto3.dynamodb.conditions import Attr, Key
from botocore.exceptions import ClientError


def main():
    endpoint, table_name = sys.argv[1], sys.argv[2]
    dynamodb = boto3.resource('dynamodb', endpoint_url=endpoint, region_name='us-east-1',
                              aws_access_key_id='test', aws_secret_access_key='test')
    table = dynamodb.Table(table_name)
    out = {}

    with table.batch_writer() as batch:
        for i in range(60):
            batch.put_item(Item={'customer': 'boto', 'orderNo': i, 'total': Decimal(i) / 4,
                                 'tags': {'peer', 'boto3'}})

    item = table.get_item(Key={'customer': 'boto', 'orderNo': 7})['Item']
    out['get'] = {'total': str(item['total']), 'tags': sorted(item['tags'])}

    q = table.query(KeyConditionExpression=Key('customer').eq('boto') & Key('orderNo').between(10, 19),
                    ScanIndexForward=False)
    out['query'] = [int(i['orderNo']) for i in q['Items']]

    seen, pages, kwargs = [], 0, {'FilterExpression': Attr('customer').eq('boto'), 'Limit': 7}
    while True:
        page = table.scan(**kwargs)
        pages += 1
        seen += [int(i['orderNo']) for i in page['Items']]
        if 'LastEvaluatedKey' not in page:
            break
        kwargs['ExclusiveStartKey'] = page['LastEvaluatedKey']
    out['scan'] = {'count': len(seen), 'distinct': len(set(seen)), 'pages': pages}

    updated = table.update_item(Key={'customer': 'boto', 'orderNo': 7},
                                # total is a DynamoDB reserved word: boto3's Key/Attr alias names
                                # themselves, a hand-written expression has to.
                                UpdateExpression='ADD tags :t SET #total = #total + :inc',
                                ExpressionAttributeNames={'#total': 'total'},
                                ExpressionAttributeValues={':t': {'gift'}, ':inc': Decimal('0.5')},
                                ReturnValues='ALL_NEW')['Attributes']
    out['update'] = {'total': str(updated['total']), 'tags': sorted(updated['tags'])}

    try:
        table.put_item(Item={'customer': 'boto', 'orderNo': 7}, ConditionExpression=Attr('orderNo').not_exists())
        out['conditional'] = 'accepted'
    except ClientError as e:
        out['conditional'] = e.response['Error']['Code'] + ': ' + e.response['Error']['Message']
    print(json.dumps(out, sort_keys=True))


if __name__ == '__main__':
    main()
